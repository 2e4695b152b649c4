package org.leakdesk.review.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.FacePorts;
import org.leakdesk.infra.StaffSignIn;
import org.leakdesk.infra.testing.MissingMessages;
import org.leakdesk.review.web.Display;
import org.leakdesk.review.web.RefusalLog;
import org.springframework.boot.test.autoconfigure.web.servlet.MockMvcBuilderCustomizer;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.setup.ConfigurableMockMvcBuilder;

/**
 * A slice test of staff controllers: MockMvc with the staff face's real security chains (roles per
 * path, CSRF, the verifier links' own chain), the {@code StaffMember} argument, the templates and
 * {@code @display}, the refusal log over a mocked access log, sign-in over a mocked {@code StaffSignIn}; every page it renders
 * is checked for missing messages. Every MockMvc request arrives on port 80, which is the staff face here.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebMvcTest
@Import({
    StaffSecurityConfiguration.class,
    Display.class,
    RefusalLog.class,
    StaffSliceTest.StaffPort.class,
    StaffSliceTest.AllWordsShown.class
})
@MockitoBean(types = {AccessLog.class, StaffSignIn.class})
public @interface StaffSliceTest {

    /** The controllers under test. */
    @AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
    Class<?>[] value() default {};

    /** Every page a slice test renders has all its words: no missing message shows on it. */
    final class AllWordsShown implements MockMvcBuilderCustomizer {

        @Override
        public void customize(ConfigurableMockMvcBuilder<?> builder) {
            builder.alwaysExpect(result -> MissingMessages.assertNone(
                    result.getRequest().getRequestURI(), result.getResponse().getContentAsString()));
        }
    }

    /** MockMvc's requests come in on port 80: make that the staff face. */
    final class StaffPort implements FacePorts {

        static final int MOCK_MVC_PORT = 80;

        @Override
        public int portOf(Face face) {
            return face == Face.STAFF ? MOCK_MVC_PORT : MOCK_MVC_PORT + 1;
        }
    }
}
