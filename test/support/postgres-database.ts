import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** One statement on a connection of its own, outside any pool (creating and dropping databases and schemas). */
export async function adminQuery(url: string, sql: string, values: unknown[] = []): Promise<pg.QueryResultRow[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/** A database of its own on the test server, for a whole service; `drop` removes it. */
export async function freshDatabase(serverUrl: string) {
  const name = `it_${randomBytes(5).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
