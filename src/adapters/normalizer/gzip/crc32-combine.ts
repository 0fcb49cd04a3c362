// CRC-32 of two byte runs joined, from the CRC of each and the second one's length, so
// blocks compressed apart (on other threads) still get one gzip checksum. A port of
// zlib's crc32_combine (crc32.c, zlib 1.2.12 and later): polynomial arithmetic modulo the
// CRC polynomial, in zlib's reflected bit order.

const POLY = 0xedb88320;

/** a × b modulo the CRC polynomial. */
function multiplyModP(a: number, b: number): number {
  let m = 0x80000000;
  let product = 0;
  for (;;) {
    if (a & m) {
      product ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return product >>> 0;
}

// X2N[k] = x^(2^k) modulo the polynomial.
const X2N: number[] = [];
for (let p = 0x40000000, k = 0; k < 32; k++) {
  X2N.push(p);
  p = multiplyModP(p, p);
}

/** x^(n × 2^k) modulo the polynomial. */
function xPowModP(n: number, k: number): number {
  let p = 0x80000000;
  while (n > 0) {
    if (n % 2 === 1) p = multiplyModP(X2N[k & 31]!, p);
    n = Math.floor(n / 2);
    k += 1;
  }
  return p;
}

/** The CRC-32 of A followed by B, given crc(A), crc(B) and B's length in bytes. */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  if (lengthB === 0) return crcA >>> 0;
  return (multiplyModP(xPowModP(lengthB, 3), crcA >>> 0) ^ crcB) >>> 0;
}
