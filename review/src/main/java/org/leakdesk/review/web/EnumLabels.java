package org.leakdesk.review.web;

import java.util.List;
import java.util.Locale;
import org.leakdesk.infra.StaffRole;
import org.leakdesk.intake.FindingType;
import org.leakdesk.workflow.CaseStage;
import org.leakdesk.workflow.EditorialDecision;
import org.leakdesk.workflow.InboxSort;
import org.leakdesk.workflow.InboxTab;
import org.leakdesk.workflow.Recommendation;
import org.leakdesk.workflow.Sharing;
import org.leakdesk.workflow.TaskKind;
import org.leakdesk.workflow.TriageDecision;
import org.leakdesk.workflow.Verdict;
import org.leakdesk.workflow.VerificationRequest;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.Formatter;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The closed sets the staff pages show, printed in the newsroom's words from the staff bundle
 * (key {@code enum.<Type>.<CONSTANT>}, e.g. {@code enum.TriageDecision.Outcome.REJECT}): a
 * template writes {@code ${{task.kind}}} and compares enum values, never names. Forms still send
 * the constant's name, which stays the same whatever the words, so parsing takes the name.
 */
@Configuration(proxyBeanMethods = false)
class EnumLabels implements WebMvcConfigurer {

    /** Every enum a staff page shows; {@code MessagesTest} checks each constant has its words. */
    static final List<Class<? extends Enum<?>>> LABELLED = List.of(
            StaffRole.class,
            CaseStage.class,
            TaskKind.class,
            InboxTab.class,
            InboxSort.class,
            TriageDecision.Outcome.class,
            Sharing.class,
            Recommendation.class,
            EditorialDecision.Outcome.class,
            VerificationRequest.State.class,
            Verdict.class,
            FindingType.class,
            FindingType.Category.class);

    private final MessageSource messages;

    EnumLabels(MessageSource messages) {
        this.messages = messages;
    }

    @Override
    public void addFormatters(FormatterRegistry registry) {
        for (Class<? extends Enum<?>> type : LABELLED) {
            registry.addFormatterForFieldType(type, formatter(type));
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Formatter<?> formatter(Class<? extends Enum<?>> type) {
        return new Label(messages, (Class) type);
    }

    /** The key of a constant's words: {@code enum.} and its type's name within its package. */
    static String key(Enum<?> constant) {
        Class<?> type = constant.getDeclaringClass();
        String name = type.getName().substring(type.getPackageName().length() + 1);
        return "enum." + name.replace('$', '.') + "." + constant.name();
    }

    private record Label<E extends Enum<E>>(MessageSource messages, Class<E> type) implements Formatter<E> {

        @Override
        public String print(E value, Locale locale) {
            return messages.getMessage(key(value), null, locale);
        }

        @Override
        public E parse(String name, Locale locale) {
            return Enum.valueOf(type, name.trim());
        }
    }
}
