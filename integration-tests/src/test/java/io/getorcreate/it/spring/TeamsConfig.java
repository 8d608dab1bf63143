package io.getorcreate.it.spring;

// docs/spring.md quotes this file from its first import to its end; SpringDocTest checks that it does.
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.spring.JdbiFactoryBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;

@Configuration
@EnableTransactionManagement
public class TeamsConfig {
    @Bean
    public DataSourceTransactionManager transactionManager(DataSource dataSource) {
        return new DataSourceTransactionManager(dataSource);
    }

    // Jdbi the jdbi3-spring way: its connections are the ones Spring's transactions hold.
    @Bean
    public JdbiFactoryBean jdbi(DataSource dataSource) {
        return new JdbiFactoryBean(dataSource);
    }

    @Bean
    public TeamDao teamDao(Jdbi jdbi) {
        return new TeamDao(jdbi);
    }

    @Bean
    public MemberDao memberDao(Jdbi jdbi) {
        return new MemberDao(jdbi);
    }
}
