package postgres

// InKeyOrder arranges rows fetched with `id = ANY($1)` in the order of ids,
// with nil where no row matched: the contract of a dataloader batch.
func InKeyOrder[T any](ids []int64, rows []*T, key func(*T) int64) []*T {
	byID := make(map[int64]*T, len(rows))
	for _, r := range rows {
		byID[key(r)] = r
	}
	out := make([]*T, len(ids))
	for i, id := range ids {
		out[i] = byID[id]
	}
	return out
}

// GroupByKey arranges rows fetched for many parents (`parent_id = ANY($1)`)
// into one slice per parent, in the order of ids; a parent with no rows gets
// an empty slice.
func GroupByKey[T any](ids []int64, rows []*T, key func(*T) int64) [][]*T {
	byID := make(map[int64][]*T, len(ids))
	for _, r := range rows {
		k := key(r)
		byID[k] = append(byID[k], r)
	}
	out := make([][]*T, len(ids))
	for i, id := range ids {
		out[i] = byID[id]
		if out[i] == nil {
			out[i] = []*T{}
		}
	}
	return out
}
