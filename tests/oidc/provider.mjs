// A real, certified OpenID Provider (panva/oidc-provider from the npm registry) for the sign-in tests:
// `node tests/oidc/provider.mjs PORT REDIRECT_URI`. Its development login screen accepts any login; the
// account id typed is the e-mail address, and "groups" is ["counselors"] unless the id starts with "student".
import Provider from "oidc-provider";

const [port, redirectUri] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;
const provider = new Provider(issuer, {
  clients: [{
    client_id: "career-explorer", client_secret: "test-client-secret",
    redirect_uris: [redirectUri], post_logout_redirect_uris: [redirectUri], grant_types: ["authorization_code"], response_types: ["code"],
    token_endpoint_auth_method: "client_secret_basic",
  }],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"], groups: ["groups"] },
  scopes: ["openid", "email", "profile", "groups"],
  pkce: { required: () => false },
  // Put the scoped claims (email, groups) in the ID token, as Google, Entra and ClassLink do; st.login
  // reads the user from the ID token.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: true } },
  ttl: { Session: 600, Grant: 600, IdToken: 300, AccessToken: 300 },
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, email: id, email_verified: true, name: id.split("@")[0],
                 groups: id.startsWith("student") ? ["students"] : ["counselors"] };
      },
    };
  },
});
provider.proxy = false;
provider.listen(Number(port), "127.0.0.1", () => console.log(`oidc-provider listening on ${issuer}`));
