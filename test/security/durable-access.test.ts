import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../../src/services/auth/api-tokens.ts";
import type { PublicUser } from "../../src/services/users/public-user.ts";
import { contextFor, makeUser, TEST_PASSWORD } from "../support/fixtures.ts";
import { TestClient } from "../support/http.ts";
import { json, type QuestionnaireWorld, questionnaireWorld } from "../support/questionnaire-world.ts";

const DAY = 86_400_000;

describe("access that outlives its reason", () => {
  let world: QuestionnaireWorld;
  let admin: TestClient;
  let adminUser: PublicUser;

  beforeAll(async () => {
    world = await questionnaireWorld();
    adminUser = await makeUser(world.runtime, "admin");
    admin = new TestClient(world.app);
    expect((await admin.login(adminUser.email, TEST_PASSWORD)).status).toBe(200);
  });
  afterAll(async () => world.runtime.close());

  const bearer = (token: string) =>
    world.app.request("/api/auth/me", { headers: { authorization: `Bearer ${token}` } });
  const signedInContact = async (vendorId: string) => {
    const user = await makeUser(world.runtime, "vendor", { vendorId });
    const client = new TestClient(world.app);
    expect((await client.login(user.email, TEST_PASSWORD)).status).toBe(200);
    return { user, client };
  };

  describe("API tokens", () => {
    it("refuses a vendor contact's ten-year token and gives it 30 days by default", async () => {
      const { client } = await signedInContact(world.a.vendorId);
      const forever = await client.request("POST", "/api/tokens", { name: "ci", expiresInDays: 3650 });
      expect(forever.status).toBe(400);
      expect((await json(forever)).detail).toMatch(/at most 30 days/);
      const made = await client.request("POST", "/api/tokens", { name: "ci" });
      expect(made.status).toBe(201);
      const expiresAt = new Date((await json(made)).info.expiresAt).getTime();
      expect(expiresAt - world.clock.now.getTime()).toBe(30 * DAY);
    });

    it("gives internal users 90 days at most, and follows the admins' setting", async () => {
      expect((await admin.request("POST", "/api/tokens", { name: "x", expiresInDays: 91 })).status).toBe(400);
      const made = await json(await admin.request("POST", "/api/tokens", { name: "x" }));
      expect(new Date(made.info.expiresAt).getTime() - world.clock.now.getTime()).toBe(90 * DAY);
      const changed = await admin.request("PATCH", "/api/settings/tokens", { maxDays: 7 });
      expect(await json(changed)).toEqual({ maxDays: 7, vendorMaxDays: 30 });
      expect((await admin.request("POST", "/api/tokens", { name: "y", expiresInDays: 8 })).status).toBe(400);
      expect((await world.security.request("PATCH", "/api/settings/tokens", { maxDays: 365 })).status).toBe(
        403,
      );
      await admin.request("PATCH", "/api/settings/tokens", { maxDays: 90 });
    });

    it("stops a token when the clock passes its expiry", async () => {
      const { token } = await createApiToken(contextFor(world.runtime, adminUser), {
        name: "short",
        expiresInDays: 1,
      });
      expect((await bearer(token)).status).toBe(200);
      const before = world.clock.now;
      world.clock.now = new Date(before.getTime() + DAY + 1000);
      try {
        expect((await bearer(token)).status).toBe(401);
      } finally {
        world.clock.now = before;
      }
    });

    it("revokes a user's tokens when an admin resets the password", async () => {
      const user = await makeUser(world.runtime, "legal");
      const { token } = await createApiToken(contextFor(world.runtime, user), { name: "mine" });
      expect((await bearer(token)).status).toBe(200);
      const reset = await admin.request("POST", `/api/users/${user.id}/password`, {
        password: "brass meadow signal thirty",
      });
      expect(reset.status).toBe(204);
      expect((await bearer(token)).status).toBe(401);
    });

    it("does not revive a disabled user's tokens when the user is enabled again", async () => {
      const user = await makeUser(world.runtime, "finance");
      const { token } = await createApiToken(contextFor(world.runtime, user), { name: "mine" });
      expect((await admin.request("POST", `/api/users/${user.id}/disable`)).status).toBe(200);
      expect((await admin.request("POST", `/api/users/${user.id}/enable`)).status).toBe(200);
      expect((await bearer(token)).status).toBe(401);
    });

    it("lets an admin list anyone's tokens, one user's, and revoke them; others see only their own", async () => {
      const user = await makeUser(world.runtime, "auditor");
      const { info, token } = await createApiToken(contextFor(world.runtime, user), { name: "audit-ci" });
      const listed = await json(await admin.request("GET", `/api/tokens?userId=${user.id}`));
      expect(listed.items).toEqual([expect.objectContaining({ id: info.id, userEmail: user.email })]);
      const mine = await json(await world.security.request("GET", "/api/tokens"));
      expect(mine.items.map((t: { id: string }) => t.id)).not.toContain(info.id);
      expect((await world.security.request("DELETE", `/api/tokens/${info.id}`)).status).toBe(404);
      expect((await admin.request("DELETE", `/api/tokens/${info.id}`)).status).toBe(200);
      expect((await bearer(token)).status).toBe(401);
    });
  });

  describe("section links and deleted vendors", () => {
    const sendToContact = async (engagementId: string, userId: string) =>
      (
        await json(
          await world.security.request("POST", "/api/questionnaires", {
            engagementId,
            templateId: world.templateId,
            recipient: { kind: "contact", userId },
          }),
        )
      ).assignment.id as string;
    const handOff = async (client: TestClient, assignmentId: string) => {
      const res = await client.request("POST", `/api/questionnaires/${assignmentId}/hand-offs`, {
        section: "people",
        recipient: "hr@vendor.example",
      });
      expect(res.status).toBe(201);
      return (await json(res)) as { handOff: { id: string }; link: { token: string } };
    };

    it("ends a contact's section link when the contact is disabled", async () => {
      const { user, client } = await signedInContact(world.a.vendorId);
      const given = await handOff(client, await sendToContact(world.a.engagementId, user.id));
      expect((await world.link(given.link.token, "GET")).status).toBe(200);
      expect((await admin.request("POST", `/api/users/${user.id}/disable`)).status).toBe(200);
      const refused = await world.link(given.link.token, "GET");
      expect(refused.status).toBe(403);
      expect(await json(refused)).toMatchObject({ reason: "link_revoked" });
      expect((await admin.request("POST", `/api/users/${user.id}/enable`)).status).toBe(200);
      expect((await world.link(given.link.token, "GET")).status).toBe(403);
    });

    it("lets internal staff revoke a section link, and nobody else", async () => {
      const { user, client } = await signedInContact(world.a.vendorId);
      const given = await handOff(client, await sendToContact(world.a.engagementId, user.id));
      const path = `/api/questionnaire-hand-offs/${given.handOff.id}/revoke`;
      expect((await client.request("POST", path)).status).toBe(403);
      const revoked = await world.security.request("POST", path);
      expect(revoked.status).toBe(200);
      expect((await json(revoked)).state).toBe("revoked");
      expect((await world.link(given.link.token, "GET")).status).toBe(403);
      expect((await world.security.request("POST", path)).status).toBe(409);
    });

    it("ends a deleted vendor's contacts, their tokens and links, and its questionnaire links", async () => {
      const { user, client } = await signedInContact(world.b.vendorId);
      const { token } = await createApiToken(contextFor(world.runtime, user), { name: "portal-ci" });
      const assignmentId = await sendToContact(world.b.engagementId, user.id);
      const given = await handOff(client, assignmentId);
      const noAccount = await world.sendLink(world.b.engagementId);
      expect((await client.request("GET", "/api/portal/questionnaires")).status).toBe(200);

      expect((await world.security.request("DELETE", `/api/vendors/${world.b.vendorId}`)).status).toBe(200);

      expect((await client.request("GET", "/api/portal/questionnaires")).status).toBe(401);
      expect((await client.request("GET", "/api/engagements")).status).toBe(401);
      const joiner = await client.request("POST", "/api/portal/roster-requests/joiners", {
        fullName: "Late Joiner",
        startDate: "2026-04-01",
      });
      expect(joiner.status).toBe(401);
      expect((await bearer(token)).status).toBe(401);
      expect((await world.link(given.link.token, "GET")).status).toBe(403);
      expect((await world.link(noAccount.token, "GET")).status).toBe(404);
      expect((await new TestClient(world.app).login(user.email, TEST_PASSWORD)).status).toBe(401);
      const enable = await admin.request("POST", `/api/users/${user.id}/enable`);
      expect(enable.status).toBe(409);
      expect((await json(enable)).detail).toMatch(/restore the vendor first/);
    });
  });
});
