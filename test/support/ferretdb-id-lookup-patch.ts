// FerretDB 1.24 pushes an equality down to PostgreSQL as `_jsonb->'field' @> value`, which no btree
// index serves: every query, a lookup by _id included, reads the whole table, so its cost grows with
// the collection. This patch pushes an equality on a string or ObjectId `_id` down as
// `_jsonb->'_id' = value`, the expression of the collection's own unique _id index (FerretDB's updates
// already find their document that way), so a lookup by _id is an index scan. FerretDB still applies
// the whole filter to what comes back, and an _id is never an array, so no document is lost.
import type { GoSourcePatch } from './go-source-patch.ts';

export const idLookupPatch: GoSourcePatch = {
  module: 'github.com/FerretDB/FerretDB',
  file: 'internal/backends/postgresql/query.go',
  reason: 'push an equality on _id down to the unique _id index',
  anchor: `		switch v := rootVal.(type) {
		case *types.Document:
			iter := v.Iterator()`,
  insertBefore: `		// Conveyor's test server: an equality on _id uses the unique _id index (test/support/ferretdb).
		if rootKey == "_id" {
			switch v := rootVal.(type) {
			case string, types.ObjectID:
				filters = append(filters, fmt.Sprintf("%s = %s", metadata.IDColumn, p.Next()))
				args = append(args, string(must.NotFail(sjson.MarshalSingleValue(v))))
				continue
			}
		}

`,
};
