package io.getorcreate.it.spring;

// docs/spring.md quotes this file from its first import to its end; SpringDocTest checks that it does.
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class Membership {
    private final TeamDao teams;
    private final MemberDao members;

    public Membership(TeamDao teams, MemberDao members) {
        this.teams = teams;
        this.members = members;
    }

    /** Puts the member in the team, creating either as needed; all of it or nothing. */
    @Transactional
    public Member join(String teamName, String email) {
        Team team = teams.getOrCreateByName(teamName).entity();
        Member member = members.getOrCreateByEmail(email, m -> m.teamId(team.id())).entity();
        if (member.teamId() != team.id()) {
            // Spring rolls back the whole transaction, the team created above included.
            throw new IllegalStateException(email + " is already in another team");
        }
        return member;
    }
}
