import type { Collection, Db, Document, OptionalUnlessRequiredId } from 'mongodb';

/** A duplicate key: a document with that `_id` (or unique value) exists already. */
export const isDuplicateKey = (error: unknown) => (error as { code?: unknown }).code === 11000;

/** Inserts a document unless one with its `_id` exists; true when it was inserted. */
export async function insertIfAbsent<T extends Document>(
  collection: Collection<T>,
  doc: OptionalUnlessRequiredId<T>,
): Promise<boolean> {
  try {
    await collection.insertOne(doc);
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}

/**
 * Runs a start-up migration once per database: a marker (looked up by `_id`) records that it
 * ran, so later starts do not read whole collections again. Migrations are idempotent, so
 * replicas starting together may both run one.
 */
export async function migrateOnce(db: Db, name: string, migrate: () => Promise<void>) {
  const done = db.collection<{ _id: string; at: Date }>('migrations');
  if (await done.findOne({ _id: name })) return;
  await migrate();
  await insertIfAbsent(done, { _id: name, at: new Date() });
}
