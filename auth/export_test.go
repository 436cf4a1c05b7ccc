package auth

// SetCompareHook makes s call f before each bcrypt comparison of a
// sign-in, so a test can count comparisons or hold them until it is ready.
func SetCompareHook(s *Service, f func()) { s.onCompare = f }
