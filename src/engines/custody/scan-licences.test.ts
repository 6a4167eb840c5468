import { describe, expect, it } from "vitest";
import { DEFAULT_LICENCE_POLICY, detectLicences, judgeExpression, judgeLicences } from "./scan-licences.ts";

const GPL3_TEXT = `                    GNU GENERAL PUBLIC LICENSE
                       Version 3, 29 June 2007

 Copyright (C) 2007 Free Software Foundation, Inc. <https://fsf.org/>
 Everyone is permitted to copy and distribute verbatim copies`;

const detect = (path: string, text: string) => detectLicences(path, Buffer.from(text));

describe("detectLicences", () => {
  it("recognises licence texts by their signature phrases", () => {
    expect(detect("COPYING", GPL3_TEXT)).toEqual([
      { licence: "GPL-3.0", file: "COPYING", source: "licence-text" },
    ]);
    expect(
      detect("LICENSE.md", "Permission is hereby granted, free of charge, to any person")[0]?.licence,
    ).toBe("MIT");
    expect(detect("vendor/x/LICENCE", "GNU AFFERO GENERAL PUBLIC LICENSE\nVersion 3")[0]?.licence).toBe(
      "AGPL-3.0",
    );
    expect(
      detect("LICENSE", "GNU LESSER GENERAL PUBLIC LICENSE\nVersion 2.1, February 1999")[0]?.licence,
    ).toBe("LGPL-2.1");
  });

  it("reads SPDX identifiers with their line, and GNU notices in source headers", () => {
    const source = "// header\n// SPDX-License-Identifier: GPL-2.0-only OR MIT */\nint x;\n";
    expect(detect("src/a.c", source)).toEqual([
      { licence: "GPL-2.0-only OR MIT", file: "src/a.c", line: 2, source: "spdx-identifier" },
    ]);
    const notice =
      "/*\n * This program is free software; you can redistribute it and/or modify it\n * under the terms of the GNU General Public License as published by\n * the Free Software Foundation; either version 3 of the License\n */";
    expect(detect("lib/copied.js", notice)).toEqual([
      { licence: "GPL-3.0", file: "lib/copied.js", line: 3, source: "licence-notice" },
    ]);
  });

  it("reads declared licences from package.json, vendored node_modules, Cargo.toml and pom.xml", () => {
    expect(detect("package.json", JSON.stringify({ name: "app", license: "MIT" }))).toEqual([
      { licence: "MIT", file: "package.json", source: "declared", package: "app" },
    ]);
    expect(
      detect(
        "node_modules/evil/package.json",
        JSON.stringify({ name: "evil", license: { type: "AGPL-3.0" } }),
      ),
    ).toEqual([
      { licence: "AGPL-3.0", file: "node_modules/evil/package.json", source: "dependency", package: "evil" },
    ]);
    expect(detect("crates/x/Cargo.toml", '[package]\nname = "x"\nlicense = "MPL-2.0"\n')[0]).toMatchObject({
      licence: "MPL-2.0",
      package: "x",
    });
    const pom =
      "<project><artifactId>lib</artifactId><licenses><license><name>GNU General Public License, version 2</name></license></licenses></project>";
    expect(detect("pom.xml", pom)[0]).toMatchObject({ licence: "GPL-2.0", package: "lib" });
  });
});

describe("judgeExpression", () => {
  it("takes the most permissive choice of an OR and the strictest part of an AND", () => {
    expect(judgeExpression("GPL-2.0-only OR MIT", DEFAULT_LICENCE_POLICY)).toBe(0);
    expect(judgeExpression("MIT AND GPL-3.0-or-later", DEFAULT_LICENCE_POLICY)).toBe(2);
    expect(judgeExpression("(MIT OR LGPL-2.1) AND Apache-2.0", DEFAULT_LICENCE_POLICY)).toBe(0);
    expect(judgeExpression("MPL-2.0", DEFAULT_LICENCE_POLICY)).toBe(1);
    expect(judgeExpression("SSPL-1.0", DEFAULT_LICENCE_POLICY)).toBe(2);
    expect(judgeExpression("GPL-2.0+ WITH Classpath-exception-2.0", DEFAULT_LICENCE_POLICY)).toBe(2);
  });

  it("follows an organisation's own policy", () => {
    expect(judgeExpression("LGPL-3.0", { deny: ["LGPL-*"], warn: [] })).toBe(2);
    expect(judgeExpression("GPL-3.0", { deny: [], warn: [] })).toBe(0);
  });
});

describe("judgeLicences", () => {
  it("keeps only refused and flagged licences, saying which package and file", () => {
    const findings = judgeLicences(
      [
        { licence: "MIT", file: "package.json", source: "declared" },
        { licence: "GPL-3.0", file: "COPYING", source: "licence-text" },
        { licence: "MPL-2.0", file: "node_modules/m/package.json", source: "dependency", package: "m" },
      ],
      DEFAULT_LICENCE_POLICY,
    );
    expect(findings.map((finding) => [finding.licence, finding.verdict])).toEqual([
      ["GPL-3.0", "deny"],
      ["MPL-2.0", "warn"],
    ]);
    expect(findings[1]?.message).toContain("package m");
  });
});
