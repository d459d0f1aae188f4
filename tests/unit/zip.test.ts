import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createZip } from "@/server/exports/zip";

/** Reads the archive back with Python's zipfile: an independent implementation, CRCs checked. */
function readWithPython(zip: Buffer): Record<string, string> {
  const file = path.join(os.tmpdir(), `zip-test-${process.pid}-${Math.random().toString(36).slice(2)}.zip`);
  fs.writeFileSync(file, zip);
  try {
    const script = "import json,sys,zipfile\nz=zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nprint(json.dumps({i.filename: z.read(i).decode('utf-8') for i in z.infolist()}))";
    return JSON.parse(execFileSync("python3", ["-c", script, file], { encoding: "utf8" })) as Record<string, string>;
  } finally {
    fs.rmSync(file, { force: true });
  }
}

describe("createZip", () => {
  it("writes a store-only archive that another zip reader opens, CRCs and all", () => {
    const files = { "profile.json": JSON.stringify({ name: "Ada" }), "notes/ünïcode.txt": "héllo ✓", "empty.json": "" };
    const zip = createZip(Object.entries(files).map(([name, data]) => ({ name, data })), new Date(Date.UTC(2026, 10, 24, 17, 30, 10)));
    expect(zip.subarray(0, 2).toString()).toBe("PK");
    expect(readWithPython(zip)).toEqual(files);
  });

  it("round-trips binary data and an empty archive", () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 31) % 256));
    const zip = createZip([{ name: "bytes.bin", data: bytes }]);
    const script = "import sys,zipfile\nz=zipfile.ZipFile(sys.argv[1])\nsys.stdout.buffer.write(z.read('bytes.bin'))";
    const file = path.join(os.tmpdir(), `zip-bin-${process.pid}.zip`);
    fs.writeFileSync(file, zip);
    try {
      expect(Buffer.compare(execFileSync("python3", ["-c", script, file]), bytes)).toBe(0);
    } finally {
      fs.rmSync(file, { force: true });
    }
    expect(readWithPython(createZip([]))).toEqual({});
  });
});
