import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { decodeJwt, exportJWK, generateKeyPair, type JWTPayload, SignJWT } from "jose";
import Provider from "oidc-provider";

/** An account at the test identity provider, signed in by typing its login. */
export interface ProviderAccount {
  email: string;
  email_verified: boolean;
  name?: string;
  groups?: string[];
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The environment that points Warden at this provider. */
  env(publicUrl: string, extra?: Record<string, string>): Record<string, string>;
  /**
   * Rewrites the next ID token the token endpoint returns: the claims are changed and the token
   * signed again with the provider's own key (a real signature on wrong claims).
   */
  tamperNextIdToken(change: (claims: JWTPayload) => JWTPayload): void;
  stop(): Promise<void>;
}

const KEY_ID = "test-signing-key";

/**
 * A real OpenID Connect provider (node-oidc-provider) on a loopback port, with one confidential
 * client whose redirect URI is Warden's callback at `publicUrl`, PKCE required, and its
 * development sign-in and consent pages (any password; the login names the account).
 */
export async function startOidcProvider(options: {
  publicUrls: string[];
  accounts: Record<string, ProviderAccount>;
}): Promise<TestOidcProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: KEY_ID, alg: "RS256", use: "sig" };
  const clientId = "warden-test";
  const clientSecret = "a client secret that must never be logged";
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.publicUrls.map((u) => `${u}/api/auth/sso/callback`),
        response_types: ["code"],
        grant_types: ["authorization_code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: ["test cookie signing key"] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "groups"] },
    pkce: { required: () => true },
    // Profile claims in the ID token too, as most enterprise providers do.
    conformIdTokenClaims: false,
    findAccount: (_ctx: unknown, id: string) => {
      const account = options.accounts[id];
      if (!account) return undefined;
      return { accountId: id, claims: () => ({ sub: id, ...account }) };
    },
  });
  let tamper: ((claims: JWTPayload) => JWTPayload) | null = null;
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { id_token?: string } | undefined;
    if (ctx.path === "/token" && tamper && body?.id_token) {
      const change = tamper;
      tamper = null;
      const claims = change(decodeJwt(body.id_token));
      const idToken = await new SignJWT(claims)
        .setProtectedHeader({ alg: "RS256", kid: KEY_ID, typ: "JWT" })
        .sign(privateKey);
      ctx.body = { ...body, id_token: idToken };
    }
  });
  server.on("request", provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    env: (publicUrl, extra = {}) => ({
      WARDEN_PUBLIC_URL: publicUrl,
      WARDEN_OIDC_ISSUER: issuer,
      WARDEN_OIDC_CLIENT_ID: clientId,
      WARDEN_OIDC_CLIENT_SECRET: clientSecret,
      WARDEN_OIDC_NAME: "Test Identity",
      ...extra,
    }),
    tamperNextIdToken(change) {
      tamper = change;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Walks the provider's own pages as a browser would, without one: follows redirects with the
 * provider's cookies, signs in as `login` and consents, and returns the URL the provider sends
 * the browser back to (Warden's callback with its code and state).
 */
export async function walkProviderPages(authorizationUrl: string, login: string, callbackPrefix: string) {
  const jar = new Map<string, string>();
  let url = authorizationUrl;
  let method = "GET";
  let body: URLSearchParams | undefined;
  for (let hop = 0; hop < 20; hop++) {
    if (url.startsWith(callbackPrefix)) return url;
    const res = await fetch(url, {
      method,
      redirect: "manual",
      headers: {
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; "),
        ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      ...(body ? { body } : {}),
    });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const at = pair?.indexOf("=") ?? -1;
      if (pair && at > 0) jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const location = res.headers.get("location");
    if (location) {
      url = new URL(location, url).href;
      method = "GET";
      body = undefined;
      continue;
    }
    const html = await res.text();
    const form = /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/.exec(html);
    if (!form?.[1])
      throw new Error(`The provider answered ${res.status} without a form: ${html.slice(0, 300)}`);
    body = new URLSearchParams();
    for (const input of (form[2] ?? "").matchAll(/<input[^>]*name="([^"]+)"[^>]*>/g)) {
      const name = input[1] as string;
      const value = /value="([^"]*)"/.exec(input[0])?.[1];
      body.set(name, name === "login" ? login : name === "password" ? "any password" : (value ?? ""));
    }
    url = new URL(form[1], url).href;
    method = "POST";
  }
  throw new Error("The provider kept redirecting without coming back to Warden.");
}
