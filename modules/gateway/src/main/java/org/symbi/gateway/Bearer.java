package org.symbi.gateway;

/** Where an agent token comes from: the Authorization header, or a query parameter for clients that cannot set headers. */
final class Bearer {
    private static final String PREFIX = "Bearer ";

    private Bearer() {
    }

    /** The token, or null when neither source has one. */
    static String of(String authorizationHeader, String queryToken) {
        if (authorizationHeader != null && authorizationHeader.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            String token = authorizationHeader.substring(PREFIX.length()).strip();
            return token.isEmpty() ? null : token;
        }
        return queryToken == null || queryToken.isBlank() ? null : queryToken;
    }
}
