// The console's settings per deployment, written at deploy time (and by ./bidrag serve locally).
//   issuer      the agency's OpenID Connect provider (its /.well-known/openid-configuration is read)
//   clientId    the console's public client (authorization code flow with PKCE, no secret)
//   grantId     the grant the console opens
//   scope       asked for at sign-in
//   authorizeParams  extra parameters for the authorization request, e.g. {"resource": "bidrag"}
//   environment a label shown on every page when not production, e.g. "Lokal miljö"
// The API's address comes from /config.js (window.BIDRAG_CONFIG.apiBase), shared with the report form.
window.BIDRAG_KONSOL = {
  issuer: "",
  clientId: "bidrag-konsol",
  grantId: "god-och-nara-vard-2025",
  scope: "openid profile",
  authorizeParams: {},
  environment: "",
};
