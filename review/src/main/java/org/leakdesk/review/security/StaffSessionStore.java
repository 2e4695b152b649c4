package org.leakdesk.review.security;

import jakarta.servlet.DispatcherType;
import java.sql.DatabaseMetaData;
import java.time.Duration;
import java.util.EnumSet;
import javax.sql.DataSource;
import org.leakdesk.infra.ConditionalOnProcessRole;
import org.leakdesk.infra.FacePorts;
import org.leakdesk.infra.ProcessRole;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.web.server.Cookie;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;
import org.springframework.session.web.http.CookieHttpSessionIdResolver;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Staff sessions live in the database (Spring Session JDBC, tables {@value #TABLE} and {@value
 * #TABLE}{@code _attributes}, made by Flyway), so any staff process serves any signed-in member
 * and one that stops or dies signs nobody out. Only a process with the {@code staff} role has
 * this store, and it serves only requests on the staff face: a source's session is never a
 * servlet session (see intake's {@code SourceSessions}, in memory on purpose).
 *
 * <p>Boot's own Spring Session set-up is excluded ({@code LeakDeskApplication}): it would give
 * every process, source-only ones too, a session store and its cleanup job, and create the
 * tables itself on H2.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProcessRole(ProcessRole.STAFF)
class StaffSessionStore implements BeanClassLoaderAware {

    static final String TABLE = "staff_session";

    private ClassLoader classLoader = StaffSessionStore.class.getClassLoader();

    @Override
    public void setBeanClassLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /**
     * The sessions, in their own short transactions. A session that waits to sign in lives as long
     * as the servlet session timeout; {@link SignedInSessions} gives a signed-in one the staff
     * idle timeout. Expired sessions are deleted on {@code leakdesk.staff.session.cleanup-cron}.
     */
    @Bean
    JdbcIndexedSessionRepository staffSessionRepository(
            DataSource dataSource,
            PlatformTransactionManager transactions,
            ServerProperties server,
            StaffSessionProperties settings) {
        TransactionTemplate own = new TransactionTemplate(transactions);
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        JdbcIndexedSessionRepository sessions = new JdbcIndexedSessionRepository(new JdbcTemplate(dataSource), own);
        sessions.setTableName(TABLE);
        Duration timeout = server.getServlet().getSession().getTimeout();
        sessions.setDefaultMaxInactiveInterval(timeout == null ? settings.idleTimeout() : timeout);
        sessions.setCleanupCron(settings.cleanupCron());
        // Attributes are Java-serialized with the application's class loader (the packaged jar's).
        GenericConversionService conversion = new GenericConversionService();
        conversion.addConverter(Object.class, byte[].class, new SerializingConverter());
        conversion.addConverter(byte[].class, Object.class, new DeserializingConverter(classLoader));
        sessions.setConversionService(conversion);
        if (isPostgreSql(dataSource)) {
            // An upsert: two requests of one session that set the same attribute at once both succeed.
            new PostgreSqlJdbcIndexedSessionRepositoryCustomizer().customize(sessions);
        }
        return sessions;
    }

    /**
     * Spring Session's filter, before Spring Security and only on the staff face, with the
     * session cookie the {@code server.servlet.session.cookie.*} settings describe.
     */
    @Bean
    FilterRegistrationBean<StaffFaceSessions> staffSessionFilter(
            JdbcIndexedSessionRepository staffSessionRepository, FacePorts ports, ServerProperties server) {
        SessionRepositoryFilter<?> filter = new SessionRepositoryFilter<>(staffSessionRepository);
        CookieHttpSessionIdResolver ids = new CookieHttpSessionIdResolver();
        ids.setCookieSerializer(
                cookieSerializer(server.getServlet().getSession().getCookie()));
        filter.setHttpSessionIdResolver(ids);
        FilterRegistrationBean<StaffFaceSessions> registration =
                new FilterRegistrationBean<>(new StaffFaceSessions(filter, ports));
        registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER);
        registration.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC));
        return registration;
    }

    @Bean
    RevokedSessions revokedSessions(JdbcIndexedSessionRepository staffSessionRepository) {
        return new RevokedSessions(staffSessionRepository);
    }

    private static DefaultCookieSerializer cookieSerializer(Cookie cookie) {
        DefaultCookieSerializer serializer = new DefaultCookieSerializer();
        PropertyMapper map = PropertyMapper.get().alwaysApplyingWhenNonNull();
        map.from(cookie::getName).to(serializer::setCookieName);
        map.from(cookie::getDomain).to(serializer::setDomainName);
        map.from(cookie::getPath).to(serializer::setCookiePath);
        map.from(cookie::getHttpOnly).to(serializer::setUseHttpOnlyCookie);
        map.from(cookie::getSecure).to(serializer::setUseSecureCookie);
        map.from(cookie::getSameSite).as(Cookie.SameSite::attributeValue).to(serializer::setSameSite);
        return serializer;
    }

    private static boolean isPostgreSql(DataSource dataSource) {
        try {
            return "PostgreSQL"
                    .equals(JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName));
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("Cannot tell which database holds the staff sessions", e);
        }
    }
}
