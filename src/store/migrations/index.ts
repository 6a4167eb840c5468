import type { Migration } from "kysely";
import * as m001 from "./001-foundation.ts";
import * as m002 from "./002-lifecycle.ts";
import * as m003 from "./003-evaluations.ts";
import * as m004 from "./004-contracts.ts";
import * as m005 from "./005-custody.ts";
import * as m006 from "./006-access.ts";
import * as m007 from "./007-leaks.ts";
import * as m008 from "./008-due-diligence.ts";
import * as m009 from "./009-vendor-portal.ts";
import * as m010 from "./010-questionnaire-delegation.ts";
import * as m011 from "./011-acknowledgement-lookup.ts";
import * as m012 from "./012-assurance.ts";
import * as m013 from "./013-contract-needs-review.ts";
import * as m014 from "./014-request-counts.ts";
import * as m015 from "./015-hardening.ts";
import * as m017 from "./017-shared-mirrors.ts";
import * as m018 from "./018-sign-in-factors.ts";
import * as m019 from "./019-mail-and-webhooks.ts";

/**
 * Every migration, in order. Plain PostgreSQL SQL that runs unchanged on PGlite
 * and on a PostgreSQL server. Add a file and a line here; never edit a released one.
 */
export const migrations: Record<string, Migration> = {
  "001-foundation": m001,
  "002-lifecycle": m002,
  "003-evaluations": m003,
  "004-contracts": m004,
  "005-custody": m005,
  "006-access": m006,
  "007-leaks": m007,
  "008-due-diligence": m008,
  "009-vendor-portal": m009,
  "010-questionnaire-delegation": m010,
  "011-acknowledgement-lookup": m011,
  "012-assurance": m012,
  "013-contract-needs-review": m013,
  "014-request-counts": m014,
  "015-hardening": m015,
  "017-shared-mirrors": m017,
  "018-sign-in-factors": m018,
  "019-mail-and-webhooks": m019,
};

/**
 * Settings that the migrations themselves write (019 starts the event cursor at the end of the audit
 * log). A database holding only these holds no data of its own: `warden db copy` takes it as empty
 * and replaces them with the source's.
 */
export const SETTINGS_SEEDED_BY_MIGRATIONS: readonly string[] = ["events.audit-cursor"];
