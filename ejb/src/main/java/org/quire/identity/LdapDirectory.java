package org.quire.identity;

import org.quire.settings.QuireConfig;

import javax.naming.AuthenticationException;
import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.PartialResultException;
import javax.naming.SizeLimitExceededException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One password check against the corporate directory, with the JDK's JNDI LDAP client: bind with the service
 * account, find exactly one entry for the login, bind as that entry with the given password, then read its
 * groups. Logins and DNs reach the server only as filter <em>arguments</em> ({@code {0}}, {@code {1}}), which
 * JNDI escapes (RFC 4515), so a login such as {@code *} or {@code a)(uid=*} matches nothing. No password is
 * ever logged or kept.
 */
final class LdapDirectory {

    /** What the directory says about an authenticated person. */
    record Person(String dn, String login, String displayName, String email, Set<String> groups) {
    }

    private final QuireConfig.Ldap settings;

    LdapDirectory(QuireConfig.Ldap settings) {
        this.settings = settings;
    }

    /**
     * The person when {@code login} names exactly one directory entry and {@code password} is its password;
     * empty for an unknown or ambiguous login, a wrong password, or an empty login or password (an empty
     * password would be an unauthenticated bind, which many LDAP servers answer with "success").
     *
     * @throws NamingException when the directory cannot be asked (unreachable, timeout, bad service account)
     */
    Optional<Person> authenticate(String login, char[] password) throws NamingException {
        if (login == null || login.isBlank() || password == null || password.length == 0) {
            return Optional.empty();
        }
        DirContext service = connectAsService();
        try {
            Optional<SearchResult> entry = findUser(service, login);
            if (entry.isEmpty()) {
                return Optional.empty();
            }
            String dn = entry.get().getNameInNamespace();
            if (!passwordMatches(dn, password)) {
                return Optional.empty();
            }
            Attributes attributes = entry.get().getAttributes();
            // the directory's spelling (uid matches ignoring case: "ALICE" finds alice): one person, one Quire user
            String canonicalLogin = first(attributes, settings.loginAttribute()).orElse(login);
            String displayName = first(attributes, settings.displayNameAttribute()).orElse(canonicalLogin);
            String email = first(attributes, settings.mailAttribute()).orElse(null);
            return Optional.of(new Person(dn, canonicalLogin, displayName, email, groups(service, dn, canonicalLogin)));
        } finally {
            close(service);
        }
    }

    private Optional<SearchResult> findUser(DirContext service, String login) throws NamingException {
        SearchControls controls = new SearchControls();
        controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
        controls.setCountLimit(2);
        controls.setTimeLimit(settings.readTimeoutMs());
        controls.setReturningAttributes(new String[]{settings.loginAttribute(), settings.displayNameAttribute(), settings.mailAttribute()});
        List<SearchResult> found = new ArrayList<>(2);
        NamingEnumeration<SearchResult> results = service.search(settings.userBase(), settings.userFilter(), new Object[]{login}, controls);
        try {
            while (results.hasMore()) {
                found.add(results.next());
            }
        } catch (SizeLimitExceededException moreThanTwo) {
            return Optional.empty();
        } catch (PartialResultException referral) {
            // Active Directory answers a search from the domain root with referrals; they are not followed.
        } finally {
            results.close();
        }
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    private boolean passwordMatches(String dn, char[] password) throws NamingException {
        try {
            close(connect(dn, password));
            return true;
        } catch (AuthenticationException wrongPassword) {
            return false;
        }
    }

    private Set<String> groups(DirContext service, String userDn, String login) throws NamingException {
        Set<String> names = new TreeSet<>();
        SearchControls controls = new SearchControls();
        controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
        controls.setTimeLimit(settings.readTimeoutMs());
        controls.setReturningAttributes(new String[]{settings.groupNameAttribute()});
        NamingEnumeration<SearchResult> results = service.search(settings.groupBase(), settings.groupFilter(), new Object[]{userDn, login}, controls);
        try {
            while (results.hasMore()) {
                first(results.next().getAttributes(), settings.groupNameAttribute()).ifPresent(names::add);
            }
        } catch (PartialResultException referral) {
            // see findUser
        } finally {
            results.close();
        }
        return names;
    }

    /** The service account's connection; anonymous when no bind DN is configured. */
    private DirContext connectAsService() throws NamingException {
        if (settings.bindDn() == null) {
            return connect(null, null);
        }
        if (settings.bindPassword() == null) {
            // a simple bind with a DN and no password is an unauthenticated bind: refuse the half configuration
            throw new NamingException("quire.ldap.bind-dn is set but quire.ldap.bind-password is not");
        }
        return connect(settings.bindDn(), settings.bindPassword().toCharArray());
    }

    private DirContext connect(String principal, char[] password) throws NamingException {
        Hashtable<String, Object> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        env.put(Context.PROVIDER_URL, settings.url());
        env.put(Context.REFERRAL, "ignore");
        env.put("com.sun.jndi.ldap.connect.timeout", String.valueOf(settings.connectTimeoutMs()));
        env.put("com.sun.jndi.ldap.read.timeout", String.valueOf(settings.readTimeoutMs()));
        if (principal == null) {
            env.put(Context.SECURITY_AUTHENTICATION, "none");
        } else {
            env.put(Context.SECURITY_AUTHENTICATION, "simple");
            env.put(Context.SECURITY_PRINCIPAL, principal);
            env.put(Context.SECURITY_CREDENTIALS, password);
        }
        return new InitialDirContext(env);
    }

    private static Optional<String> first(Attributes attributes, String name) throws NamingException {
        Attribute attribute = name == null || attributes == null ? null : attributes.get(name);
        if (attribute == null || attribute.size() == 0 || !(attribute.get() instanceof String value) || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(value.strip());
    }

    private static void close(DirContext context) {
        try {
            context.close();
        } catch (NamingException ignored) {
            // nothing to do: the connection is gone either way
        }
    }
}
