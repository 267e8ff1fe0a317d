/**
 * Just enough of a MongoDB collection for unit tests, by `_id` only (as every lookup on a
 * request path is): a second insert of one `_id` is refused with code 11000, as MongoDB does.
 */
export function byIdCollection() {
  const docs = new Map<string, Record<string, unknown>>();
  return {
    docs,
    insertOne: (doc: { _id: string }) => {
      if (docs.has(doc._id))
        return Promise.reject(Object.assign(new Error('dup'), { code: 11000 }));
      docs.set(doc._id, { ...doc });
      return Promise.resolve();
    },
    findOne: ({ _id }: { _id: string }) => Promise.resolve(docs.get(_id) ?? null),
    updateOne: ({ _id }: { _id: string }, { $set }: { $set: object }) => {
      docs.set(_id, { ...docs.get(_id), ...$set });
      return Promise.resolve();
    },
    deleteOne: ({ _id }: { _id: string }) => (docs.delete(_id), Promise.resolve()),
  };
}
