package people

import "github.com/rungs/rungs"

func notFound(what string, id int64) error {
	return rungs.Errorf(rungs.ErrNotFound, what+".not_found", "%s %d not found", what, id)
}
