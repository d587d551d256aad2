// Test helper: a project-scoped token from a running fakecloud, obtained the way any client obtains one.

import { fetch } from "undici";
import type { FakeCloud } from "@stacksweep/fakecloud";

export interface Credentials {
  username: string;
  password: string;
  projectName: string;
}

/** Authenticates with password against the cloud's Keystone and returns the X-Subject-Token. */
export async function passwordToken(cloud: FakeCloud, credentials?: Credentials): Promise<string> {
  const entry = cloud.cloudsYamlEntry() as { auth: { username: string; password: string; project_name: string } };
  const { username, password, projectName } = credentials ?? {
    username: entry.auth.username,
    password: entry.auth.password,
    projectName: entry.auth.project_name,
  };
  const response = await fetch(`${cloud.authUrl}/auth/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      auth: {
        identity: {
          methods: ["password"],
          password: { user: { name: username, domain: { id: "default" }, password } },
        },
        scope: { project: { name: projectName, domain: { id: "default" } } },
      },
    }),
  });
  const token = response.headers.get("x-subject-token");
  if (response.status !== 201 || token === null) throw new Error(`authentication failed: HTTP ${response.status}`);
  return token;
}
