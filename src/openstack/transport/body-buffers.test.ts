import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { BodyBuffers } from "./body-buffers.ts";

/** A body as the socket delivers it: chunks of `chunkSize` bytes. */
function bodyOf(bytes: Buffer, chunkSize = 65_536): Readable {
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += chunkSize)
    chunks.push(bytes.subarray(offset, offset + chunkSize));
  return Readable.from(chunks);
}

function bytesOf(length: number, seed: number): Buffer {
  const bytes = Buffer.allocUnsafe(length);
  for (let index = 0; index < length; index++) bytes[index] = (index * 31 + seed) % 251;
  return bytes;
}

describe("BodyBuffers", () => {
  it("reads every body exactly, small or large, whatever the chunking", async () => {
    const pool = new BodyBuffers();
    for (const [length, chunkSize] of [
      [0, 10],
      [100, 7],
      [256 * 1024, 65_536],
      [256 * 1024 + 1, 65_536],
      [1_700_000, 65_536],
      [3_000_001, 16_384],
    ] as const) {
      const expected = bytesOf(length, length % 7);
      const answer = await pool.read(bodyOf(expected, chunkSize));
      expect(answer.bytes.equals(expected)).toBe(true);
      answer.release();
    }
  });

  it("gives a released page's buffer to the next large answer, never one still in use", async () => {
    const pool = new BodyBuffers();
    const first = await pool.read(bodyOf(bytesOf(1_700_000, 1)));
    const concurrent = await pool.read(bodyOf(bytesOf(1_600_000, 2)));
    // Both in use: separate memory.
    expect(concurrent.bytes.buffer).not.toBe(first.bytes.buffer);
    first.release();
    first.release(); // a second release must not put the buffer in the pool twice
    const next = await pool.read(bodyOf(bytesOf(1_500_000, 3)));
    expect(next.bytes.buffer).toBe(first.bytes.buffer);
    expect(next.bytes.equals(bytesOf(1_500_000, 3))).toBe(true);
    const another = await pool.read(bodyOf(bytesOf(1_500_000, 4)));
    expect(another.bytes.buffer).not.toBe(first.bytes.buffer);
    // The page still in use kept its bytes through all of it.
    expect(concurrent.bytes.equals(bytesOf(1_600_000, 2))).toBe(true);
  });

  it("takes one buffer of the declared length, and reads exactly what arrives when the header is wrong", async () => {
    const pool = new BodyBuffers();
    const page = bytesOf(1_700_000, 5);
    const declared = await pool.read(bodyOf(page), page.length);
    expect(declared.bytes.equals(page)).toBe(true);
    expect(declared.bytes.buffer.byteLength).toBe(2 * 1024 * 1024);
    declared.release();
    // A Content-Length too short or too long changes nothing that is read; an absurd one allocates no more than the bound.
    for (const length of [300_000, 5_000_000, 2 ** 40]) {
      const answer = await pool.read(bodyOf(page), length);
      expect(answer.bytes.equals(page)).toBe(true);
      expect(answer.bytes.buffer.byteLength).toBeLessThanOrEqual(16 * 1024 * 1024);
      answer.release();
    }
  });
});
