package dev.rotor.sandbox;

/**
 * Identifies an authenticated caller: a service account (by client id) or an API key (by public
 * key), Organization Owner in {@code orgId}.
 */
record Caller(String clientId, String orgId, boolean apiKey) {}
