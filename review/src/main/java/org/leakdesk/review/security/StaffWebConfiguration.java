package org.leakdesk.review.security;

import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class StaffWebConfiguration implements WebMvcConfigurer {

    private final FreshChecks freshChecks;

    StaffWebConfiguration(StaffSessionProperties settings) {
        this.freshChecks = new FreshChecks(settings, Clock.systemUTC());
    }

    @Bean
    FreshChecks freshChecks() {
        return freshChecks;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(freshChecks);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CurrentStaffMember());
    }
}
