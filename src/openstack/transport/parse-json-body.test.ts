import { describe, expect, it } from "vitest";
import { LargeJsonReader, parseJsonBody, splitJsonBody, type ElementMaps } from "./parse-json-body.ts";

/** Pads a body past the size from which elements are parsed one by one. */
function large(value: Record<string, unknown>): Record<string, unknown> {
  return { ...value, filler: Array.from({ length: 3000 }, (_, index) => ({ id: `f-${index}`, pad: "x".repeat(100) })) };
}

function bytesOf(text: string): Buffer {
  return Buffer.from(text, "utf8");
}

describe("parseJsonBody", () => {
  it("reads a large listing page exactly as JSON.parse does", () => {
    const page = large({
      servers: Array.from({ length: 500 }, (_, index) => ({
        id: `id-${index}`,
        name: index % 7 === 0 ? `naïve ☃ "quoted" \\ back, [bracket] {brace}: ${index}` : `server-${index}`,
        addresses: { net: [{ addr: `10.0.${index % 250}.1`, version: 4 }] },
        metadata: {},
        tags: [],
        host: null,
        emoji: "🦆",
      })),
      servers_links: [{ rel: "next", href: "http://cloud/compute/v2.1/servers/detail?marker=id-499&limit=1000" }],
    });
    const text = JSON.stringify(page);
    expect(text.length).toBeGreaterThan(256 * 1024);
    expect(parseJsonBody(bytesOf(text))).toEqual(JSON.parse(text));
  });

  it("keeps every shape of envelope: empty arrays, arrays of scalars and arrays, whitespace, nested keys", () => {
    const text = JSON.stringify(
      large({
        volumes: [],
        ids: [1, "two", null, true, 2.5e3, [3, [4]], { "[": "]" }],
        next: "/v2/images?marker=abc",
        nested: { deep: [{ a: [1, 2] }] },
        'key with "quotes" and , colon:': [{ x: 1 }],
      }),
      null,
      2,
    );
    expect(parseJsonBody(bytesOf(`  \n${text}\r\n `))).toEqual(JSON.parse(text));
    expect(parseJsonBody(bytesOf(text.replace('"volumes": []', '"volumes": [ \n ]')))).toEqual(JSON.parse(text));
  });

  it("fails as JSON.parse fails on what is not JSON, whatever the size", () => {
    const valid = JSON.stringify(large({ servers: [{ id: "a" }, { id: "b" }] }));
    const broken = [
      valid.replace('{"id":"b"}', ""), // a trailing comma
      valid.replace('},{"id":"b"}', '}{"id":"b"}'), // a missing comma
      valid.slice(0, -1), // cut short
      `${valid} x`, // garbage after the envelope
      valid.replace('"servers":[', '"servers":['.concat("]")), // an array closed too early
      `\uFEFF${valid}`, // a byte order mark
      valid.replace('"servers":[{"id":"a"},{"id":"b"}]', '"servers":[{"id":"a"}}'), // a mismatched bracket
    ];
    for (const text of broken) {
      expect(() => JSON.parse(text) as unknown).toThrow(SyntaxError);
      expect(() => parseJsonBody(bytesOf(text))).toThrow(SyntaxError);
    }
  });

  it("answers as JSON.parse where an own property could not be set back (repeated keys, __proto__)", () => {
    const repeated = `{"servers":[{"id":"a"}],"filler":${JSON.stringify(large({}).filler)},"servers":5}`;
    expect(parseJsonBody(bytesOf(repeated))).toEqual(JSON.parse(repeated));
    const proto = `{"__proto__":[{"polluted":true}],"filler":${JSON.stringify(large({}).filler)}}`;
    const parsed = parseJsonBody(bytesOf(proto)) as Record<string, unknown>;
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(parsed, "__proto__")?.value).toEqual([{ polluted: true }]);
  });

  it("reads small answers and top-level values that are not objects", () => {
    for (const text of ['{"token":{"id":"x"}}', "[1,2]", '"text"', "null", "42"]) {
      expect(parseJsonBody(bytesOf(text))).toEqual(JSON.parse(text));
    }
    const array = JSON.stringify(large({}).filler);
    expect(parseJsonBody(bytesOf(array))).toEqual(JSON.parse(array));
  });

  it("decodes characters split across what would be chunk boundaries and invalid bytes as toString does", () => {
    const text = JSON.stringify(
      large({ items: Array.from({ length: 2000 }, (_, index) => ({ name: "é😀中".repeat(index % 5) })) }),
    );
    const bytes = bytesOf(text);
    // An invalid byte inside a string: both decode it to U+FFFD.
    const damaged = Buffer.concat([bytes.subarray(0, 19), Buffer.from([0xff]), bytes.subarray(19)]);
    expect(parseJsonBody(bytes)).toEqual(JSON.parse(text));
    expect(parseJsonBody(damaged)).toEqual(JSON.parse(damaged.toString("utf8")));
  });
});

describe("LargeJsonReader", () => {
  /** The whole text given at once. */
  const readWhole = (bytes: Buffer, elements?: ElementMaps): unknown => new LargeJsonReader(elements).end(bytes);

  // A saved inventory: large containers nested four deep, records below them.
  const inventoryLike = (): unknown => ({
    kind: "stacksweep-inventory",
    inventories: [
      {
        cloud: "c",
        resources: { "compute.server": large({}).filler, "network.port": [], note: 'é😀 [ ] { } : , \\ "' },
        deeper: { again: [large({ inner: large({}) })] },
      },
      large({ region: "RegionTwo" }),
    ],
  });

  it("reads large containers nested at every depth exactly as JSON.parse does, whatever the layout", () => {
    for (const text of [JSON.stringify(inventoryLike(), null, 1), JSON.stringify(inventoryLike())]) {
      expect(text.length).toBeGreaterThan(4 * 256 * 1024);
      expect(readWhole(bytesOf(` \n${text}\n`))).toEqual(JSON.parse(text));
    }
    for (const text of ['{"small":[1,{"a":null}]}', "[]", "{}", '"text"', "42"]) {
      expect(readWhole(bytesOf(text))).toEqual(JSON.parse(text));
    }
  });

  it("fails as JSON.parse fails on what is not JSON, however deep the damage", () => {
    const valid = JSON.stringify(inventoryLike());
    const broken = [
      valid.replace('"network.port":[]', '"network.port":[],'), // a comma before a closing brace
      valid.replace("]}},", "],}},"), // a trailing comma in a large array
      valid.replace('"cloud":"c"', '"cloud" "c"'), // a missing colon
      valid.replace('"cloud":"c"', '"cloud":"c'), // an unclosed string
      valid.replace('"resources":{', '"resources":['), // a mismatched bracket of a large container
      valid.slice(0, -1), // cut short
      `${valid} x`, // garbage after the end
      `\uFEFF${valid}`, // a byte order mark
    ];
    for (const text of broken) {
      expect(() => JSON.parse(text) as unknown).toThrow(SyntaxError);
      expect(() => readWhole(bytesOf(text))).toThrow(SyntaxError);
    }
  });

  /** The text given to a reader in pieces of `size` bytes, all read through one buffer as a file is read. */
  const readInPieces = (text: string, size: number): unknown => {
    const bytes = bytesOf(text);
    const reader = new LargeJsonReader();
    const piece = Buffer.alloc(size);
    for (let at = 0; at < bytes.length; at += size) {
      const length = bytes.copy(piece, 0, at, at + size);
      reader.push(piece.subarray(0, length));
      // The reader kept no part of the piece: what it left unread it copied.
      piece.fill("!");
    }
    return reader.end();
  };

  it("reads the same text given in pieces of any size, a value cut anywhere, through one reused buffer", () => {
    for (const text of [JSON.stringify(inventoryLike(), null, 1), JSON.stringify(inventoryLike())]) {
      for (const size of [7, 4096, 100_000, 300_000, text.length]) {
        expect(readInPieces(` \n${text}\n`, size)).toEqual(JSON.parse(text));
      }
    }
    // Every byte a cut: inside a number, a key, an escape, a character of four bytes, a literal.
    const small = '{"n": -12.5e3, "k\\"ey": "a\\"b\\\\", "é😀": [true, false, null, 0, {"x": []}], "s": "☃"}';
    for (const size of [1, 2, 3, 5]) expect(readInPieces(small, size)).toEqual(JSON.parse(small));
    for (const text of ["42", '"text"', "[]", "{}", " null "]) expect(readInPieces(text, 1)).toEqual(JSON.parse(text));
  });

  it("refuses in pieces what JSON.parse refuses", () => {
    const valid = JSON.stringify(inventoryLike());
    const broken = [
      valid.replace("]}},", "],}},"),
      valid.replace('"cloud":"c"', '"cloud" "c"'),
      valid.replace('"cloud":"c"', '"cloud"x"c"'), // no colon, in a container read member by member
      valid.replace('"cloud":"c",', '"cloud":"c"x'), // no comma, likewise
      valid.replace('"resources":{', '"resources":['),
      valid.slice(0, -1),
      `${valid} x`,
      `\uFEFF${valid}`,
      '{"a": 1',
      '{"a": "b',
      "[1, 2,]",
      "12 13",
      "",
    ];
    for (const text of broken) {
      expect(() => JSON.parse(text) as unknown).toThrow(SyntaxError);
      for (const size of [3, 4096]) expect(() => readInPieces(text, size)).toThrow(SyntaxError);
    }
  });

  it("agrees with JSON.parse on text damaged at random bytes, read in random pieces", () => {
    // Large containers of small members: the bytes between members are the reader's own to judge, not JSON.parse's.
    const members = [1, -2.5e-3, "a", 'q\\"x', "é", true, false, null, [], {}, [0, "]"], { k: "}" }];
    const valid = JSON.stringify({
      list: Array.from({ length: 60_000 }, (_, index) => members[index % members.length]),
      map: Object.fromEntries(Array.from({ length: 20_000 }, (_, index) => [`k${index}`, members[index % 7]])),
    });
    expect(valid.length).toBeGreaterThan(2 * 256 * 1024);
    // A fixed seed: a failure names a trial that can be run again.
    let seed = 18;
    const random = (below: number): number => {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
      return seed % below;
    };
    const bytes = '{}[],:"\\ 1a-';
    for (let trial = 0; trial < 80; trial++) {
      const at = random(valid.length);
      const byte = bytes[random(bytes.length)]!;
      const damage = [byte, "", `${byte}${valid[at]!}`][random(3)]!;
      const text = `${valid.slice(0, at)}${damage}${valid.slice(at + 1)}`;
      const size = 1 + random(300_000);
      let expected: unknown;
      try {
        expected = JSON.parse(text);
      } catch (error) {
        expect(error, `trial ${trial}`).toBeInstanceOf(SyntaxError);
        expect(() => readInPieces(text, size), `trial ${trial}: ${JSON.stringify(damage)} at ${at}`).toThrow(
          SyntaxError,
        );
        continue;
      }
      expect(readInPieces(text, size), `trial ${trial}`).toEqual(expected);
    }
  });

  it("passes the elements of the arrays at one depth through a function, in large containers and small ones", () => {
    const servers = large({}).filler as unknown[];
    const file = {
      inventories: [
        { resources: { servers, ports: [{ n: 1 }, { n: 2 }] }, other: [{ n: 3 }] },
        { resources: { servers: [{ n: 4 }] } },
      ],
    };
    const paths: string[] = [];
    const parsed = readWhole(bytesOf(JSON.stringify(file, null, 1)), {
      depth: 4,
      at: (path) => {
        paths.push(path.join("/"));
        return path[3] === "ports" || path[3] === "servers" ? (element) => ({ mapped: element }) : undefined;
      },
    }) as typeof file;
    // Each array at depth 4 is named once; nothing above or below it is passed through.
    expect(paths.sort()).toEqual([
      "inventories/0/resources/ports",
      "inventories/0/resources/servers",
      "inventories/1/resources/servers",
    ]);
    const mapped = (elements: readonly unknown[]): unknown[] => elements.map((element) => ({ mapped: element }));
    expect(parsed).toEqual({
      inventories: [
        {
          resources: { servers: mapped(servers), ports: mapped([{ n: 1 }, { n: 2 }]) },
          other: [{ n: 3 }],
        },
        { resources: { servers: mapped([{ n: 4 }]) } },
      ],
    });
  });

  it("keeps __proto__ as an own property and the last value of a repeated key, as JSON.parse does", () => {
    const filler = JSON.stringify(large({}).filler);
    const text = `{"__proto__":{"polluted":true},"a":1,"filler":${filler},"a":2}`;
    const parsed = readWhole(bytesOf(text)) as Record<string, unknown>;
    expect(parsed).toEqual(JSON.parse(text));
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(parsed, "__proto__")?.value).toEqual({ polluted: true });
    expect(parsed["a"]).toBe(2);
  });
});

describe("splitJsonBody", () => {
  const volumes = Array.from({ length: 3 }, (_, index) => ({
    id: `v${index}`,
    name: `naïve "${index}" ☃`,
    size: index,
  }));
  const link = [{ rel: "next", href: "http://cloud/volume/v3/volumes/detail?marker=v2" }];

  it("gives a large page's envelope, count and last element first, then its elements through a mapping", () => {
    const page = large({ volumes, volumes_links: link });
    const split = splitJsonBody(bytesOf(JSON.stringify(page)), "volumes");
    expect(split?.envelope).toEqual({ ...page, volumes: [] });
    expect(split?.length).toBe(3);
    expect(split?.last).toEqual(volumes[2]);
    expect(split?.elements((element) => (element as { name: string }).name)).toEqual(volumes.map((v) => v.name));
  });

  it("splits nothing small, without the named array, or not plain JSON: the whole parse reads or refuses it", () => {
    expect(splitJsonBody(bytesOf(JSON.stringify({ volumes, volumes_links: link })), "volumes")).toBeNull();
    expect(splitJsonBody(bytesOf(JSON.stringify(large({ volumes }))), "servers")).toBeNull();
    const brokenEnvelope = JSON.stringify(large({ volumes })).replace('"filler"', "filler");
    expect(splitJsonBody(bytesOf(brokenEnvelope), "volumes")).toBeNull();
  });

  it("reads an empty page, and fails in `elements` as JSON.parse does on a broken element", () => {
    const empty = splitJsonBody(bytesOf(JSON.stringify(large({ volumes: [] }))), "volumes");
    expect(empty?.length).toBe(0);
    expect(empty?.last).toBeUndefined();
    expect(empty?.elements((element) => element)).toEqual([]);
    const broken = JSON.stringify(large({ volumes })).replace('"size":1', '"size":1x');
    expect(() => splitJsonBody(bytesOf(broken), "volumes")?.elements((element) => element)).toThrow(SyntaxError);
  });

  // Neighbouring elements are parsed together, a few dozen kilobytes at a time: what `elements` gives must not show it.
  const many = Array.from({ length: 3000 }, (_, index) => ({
    id: `v${index}`,
    name: index % 11 === 0 ? `naïve "${index}" ☃ 🦆, [x] {y}` : `volume-${index}`,
    // One element larger than a group, and some of every size around a group's end.
    note: index === 1500 ? "n".repeat(70 * 1024) : "p".repeat(index % 200),
    attachments: index % 3 === 0 ? [] : [{ server_id: `s${index}`, device: "/dev/vdb" }],
  }));

  it("gives every element of a long page in order, each through the mapping once, as JSON.parse gives it", () => {
    const text = JSON.stringify({ volumes: many, volumes_links: link });
    for (const layout of [text, JSON.stringify({ volumes: many }, null, 2)]) {
      const seen: unknown[] = [];
      const mapped = splitJsonBody(bytesOf(layout), "volumes")?.elements((element) => {
        seen.push(element);
        return (element as { id: string }).id;
      });
      expect(mapped).toEqual(many.map((volume) => volume.id));
      expect(seen).toEqual((JSON.parse(layout) as { volumes: unknown[] }).volumes);
    }
  });

  it("fails as JSON.parse does on one broken element among many, wherever it stands", () => {
    const text = JSON.stringify({ volumes: many });
    const broken = [
      text.replace('"id":"v1700"', '"id":v1700'), // inside an element
      text.replace('{"id":"v2999"', ',{"id":"v2999"'), // an empty element before the last
      text.replace('{"id":"v10",', "{'id':\"v10\","), // near the start
    ];
    for (const damaged of broken) {
      expect(() => JSON.parse(damaged) as unknown).toThrow(SyntaxError);
      const split = splitJsonBody(bytesOf(damaged), "volumes");
      expect(split).not.toBeNull();
      expect(() => split!.elements((element) => element)).toThrow(SyntaxError);
    }
  });
});
