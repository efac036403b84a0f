import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

// scrypt (memory-hard) in a PHC-style string: $scrypt$ln=15,r=8,p=1$<salt>$<hash>, base64 without padding.
const COST_LOG2 = 15;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const KEY_LENGTH = 32;
const MAX_MEMORY = 64 * 1024 * 1024;

function derive(password: string, salt: Buffer, costLog2: number, blockSize: number, parallelism: number) {
  return new Promise<Buffer>((done, fail) =>
    scrypt(
      password.normalize('NFKC'),
      salt,
      KEY_LENGTH,
      { N: 2 ** costLog2, r: blockSize, p: parallelism, maxmem: MAX_MEMORY },
      (error, key) => (error ? fail(error) : done(key)),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, COST_LOG2, BLOCK_SIZE, PARALLELISM);
  const b64 = (buffer: Buffer) => buffer.toString('base64').replace(/=+$/, '');
  return `$scrypt$ln=${COST_LOG2},r=${BLOCK_SIZE},p=${PARALLELISM}$${b64(salt)}$${b64(key)}`;
}

const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

/** Constant-time check of a password against a stored hash; a malformed hash never verifies. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const match = PHC.exec(stored);
  if (!match) return false;
  const [, ln, r, p, salt, hash] = match;
  const expected = Buffer.from(hash ?? '', 'base64');
  if (expected.length !== KEY_LENGTH) return false;
  const key = await derive(password, Buffer.from(salt ?? '', 'base64'), Number(ln), Number(r), Number(p));
  return timingSafeEqual(key, expected);
}
