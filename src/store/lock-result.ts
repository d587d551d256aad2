// The answer to a lock request: either it is ours until `expiresAt`, or who holds it and until when.
export type LockResult =
  { acquired: true; expiresAt: string } | { acquired: false; holder: string; acquiredAt: string; expiresAt: string };
