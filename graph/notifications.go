package graph

import (
	"context"
	"time"

	"github.com/rungs/rungs/graph/model"
	"github.com/rungs/rungs/notify"
)

// render shows a notification in its recipient's language (the feed only
// ever holds the viewer's own), with times in the server's zone.
func (r *Resolver) render(ctx context.Context, n *notify.Notification) (notify.Rendered, error) {
	locale, err := LoadersFromContext(ctx).Locale.Load(ctx, n.RecipientID)()
	if err != nil {
		return notify.Rendered{}, err
	}
	return notify.RenderIn(n, locale, time.Local), nil
}

func (r *Resolver) notifications(ctx context.Context, first *int, after *string, unreadOnly bool) (*model.NotificationConnection, error) {
	v, err := viewer(ctx)
	if err != nil {
		return nil, err
	}
	n, err := pageSize(first, 20)
	if err != nil {
		return nil, err
	}
	var cursor *notify.Cursor
	if after != nil && *after != "" {
		if cursor, err = notify.ParseCursor(*after); err != nil {
			return nil, err
		}
	}
	unread, err := r.Notify.UnreadCounts(ctx, []int64{v.EmployeeID})
	if err != nil {
		return nil, err
	}
	conn := &model.NotificationConnection{Nodes: []*notify.Notification{}, UnreadCount: unread[0], PageInfo: &model.PageInfo{}}
	if n == 0 {
		return conn, nil
	}
	page, err := r.Notify.FeedPage(ctx, v.EmployeeID, n, cursor, unreadOnly)
	if err != nil {
		return nil, err
	}
	conn.Nodes = page.Notifications
	conn.PageInfo.HasNextPage = page.HasNextPage
	if page.EndCursor != nil {
		c := page.EndCursor.String()
		conn.PageInfo.EndCursor = &c
	}
	return conn, nil
}
