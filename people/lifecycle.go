package people

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/postgres"
)

var (
	employeeNoPattern = regexp.MustCompile(`^[A-Z0-9][A-Z0-9-]{1,19}$`)
	emailPattern      = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)
)

// HireInput describes a new employee.
type HireInput struct {
	EmployeeNo string
	NameEN     string
	NameZH     string
	Email      string
	TeamID     int64 // 0: no team
	ManagerID  int64 // 0: no manager
	PositionID int64
	HireDate   time.Time
	// Roles besides EMPLOYEE, which every employee who signs in holds.
	Roles []auth.Role
	// InitialPassword, or "" to generate one.
	InitialPassword string
}

// Hire creates the employee, their HIRE event and their sign-in in one
// transaction. It returns the generated password when none was given.
func (s *Store) Hire(ctx context.Context, by *auth.Viewer, in HireInput) (*Employee, string, error) {
	in.EmployeeNo = strings.ToUpper(strings.TrimSpace(in.EmployeeNo))
	in.NameEN, in.NameZH = strings.TrimSpace(in.NameEN), strings.TrimSpace(in.NameZH)
	in.Email = strings.TrimSpace(in.Email)
	today := s.today()

	var v rungs.Validation
	v.Check(employeeNoPattern.MatchString(in.EmployeeNo), "employeeNumber", "people.employee_number.invalid",
		"employee number must be 2–20 capitals, digits or dashes, e.g. CS-1042")
	v.Check(in.NameEN != "", "nameEn", "people.name_en.required", "English name is required")
	v.Check(in.NameZH != "", "nameZh", "people.name_zh.required", "Chinese name is required")
	v.Check(len(in.NameEN) <= 200 && len(in.NameZH) <= 200, "nameEn", "people.name.too_long", "names are at most 200 bytes")
	v.Check(emailPattern.MatchString(in.Email) && len(in.Email) <= 254, "email", "people.email.invalid", "%q is not an e-mail address", in.Email)
	v.Check(in.PositionID > 0, "positionId", "people.position.required", "a position is required")
	v.Check(!in.HireDate.IsZero(), "hireDate", "people.hire_date.required", "hire date is required")
	v.Check(!in.HireDate.After(today.AddDate(1, 0, 0)), "hireDate", "people.hire_date.too_far",
		"hire date is more than a year ahead")
	password := in.InitialPassword
	generated := ""
	if password == "" {
		generated = newPassword()
		password = generated
	} else if err := auth.CheckPasswordPolicy(password); err != nil {
		v.Add("initialPassword", keyOf(err, "auth.password_weak"), "%s", messageOf(err))
	}
	if err := v.Err(); err != nil {
		return nil, "", err
	}
	hash, err := s.auth.HashPassword(password)
	if err != nil {
		return nil, "", err
	}
	roles := append([]auth.Role{auth.RoleEmployee}, in.Roles...)

	var e Employee
	err = postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		if in.ManagerID != 0 {
			if err := activeManager(ctx, tx, in.ManagerID); err != nil {
				return err
			}
		}
		err := tx.GetContext(ctx, &e, `
			INSERT INTO employees (employee_no, name_en, name_zh, email, team_id, manager_id, position_id, hire_date, position_since)
			VALUES ($1, $2, $3, $4, NULLIF($5, 0), NULLIF($6, 0), $7, $8, $8)
			RETURNING *`,
			in.EmployeeNo, in.NameEN, in.NameZH, in.Email, in.TeamID, in.ManagerID, in.PositionID, in.HireDate)
		if err != nil {
			return translate(err)
		}
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO employee_events (employee_id, kind, effective_on, to_team_id, to_manager_id, to_position_id, reason, recorded_by)
			VALUES ($1, 'HIRE', $2, $3, $4, $5, 'Hired', $6)`,
			e.ID, e.HireDate, e.TeamID, e.ManagerID, e.PositionID, recorder(by)); err != nil {
			return fmt.Errorf("record hire: %w", err)
		}
		return s.auth.CreateUser(ctx, tx, e.ID, hash, roles)
	})
	if err != nil {
		return nil, "", wrap("hire", err)
	}
	return &e, generated, nil
}

// TransferInput moves an employee. Zero ids mean "unchanged".
type TransferInput struct {
	EmployeeID  int64
	TeamID      int64
	ManagerID   int64
	PositionID  int64
	EffectiveOn time.Time
	Reason      string
}

// Transfer moves an employee to another team, manager or position and
// records it in their history, in one transaction. A move to a position on
// a higher level is recorded as a promotion and restarts months in position.
func (s *Store) Transfer(ctx context.Context, by *auth.Viewer, in TransferInput) (*Employee, error) {
	in.Reason = strings.TrimSpace(in.Reason)
	today := s.today()
	var v rungs.Validation
	v.Check(in.TeamID != 0 || in.ManagerID != 0 || in.PositionID != 0, "teamId", "people.transfer.empty",
		"give a new team, manager or position")
	v.Check(in.Reason != "", "reason", "people.reason.required", "a reason is required")
	v.Check(!in.EffectiveOn.IsZero() && !in.EffectiveOn.After(today), "effectiveOn", "people.effective_on.future",
		"the effective date must be today or earlier (future-dated moves are not scheduled yet)")
	v.Check(in.ManagerID != in.EmployeeID, "managerId", "people.manager.self", "nobody can be their own manager")
	if err := v.Err(); err != nil {
		return nil, err
	}

	var e Employee
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		var before Employee
		if err := tx.GetContext(ctx, &before, `SELECT * FROM employees WHERE id = $1 FOR UPDATE`, in.EmployeeID); err != nil {
			return postgres.Translate(err, fmt.Sprintf("employee %d", in.EmployeeID))
		}
		if before.Status == StatusOffboarded {
			return rungs.Errorf(rungs.ErrConflict, "people.offboarded", "%s has been offboarded", before.NameEN)
		}
		if in.EffectiveOn.Before(before.HireDate) {
			return rungs.FieldError("effectiveOn", "people.effective_on.before_hire", "the effective date is before their hire date")
		}
		if in.ManagerID != 0 {
			if err := activeManager(ctx, tx, in.ManagerID); err != nil {
				return err
			}
		}
		team, manager, position := pick(in.TeamID, before.TeamID), pick(in.ManagerID, before.ManagerID), pick(in.PositionID, sql.NullInt64{Int64: before.PositionID, Valid: true})
		if team == before.TeamID && manager == before.ManagerID && position.Int64 == before.PositionID {
			return rungs.FieldError("teamId", "people.transfer.no_change", "this move changes nothing")
		}
		kind := EventTransfer
		if position.Int64 != before.PositionID {
			var up bool
			err := tx.GetContext(ctx, &up, `
				SELECT n.level > o.level FROM positions n, positions o WHERE n.id = $1 AND o.id = $2`,
				position.Int64, before.PositionID)
			if errors.Is(err, sql.ErrNoRows) {
				return rungs.FieldError("positionId", "people.position.not_found", "position %d not found", position.Int64)
			} else if err != nil {
				return err
			}
			if up {
				kind = EventPromotion
			}
		}
		err := tx.GetContext(ctx, &e, `
			UPDATE employees SET team_id = $2, manager_id = $3, position_id = $4,
				position_since = CASE WHEN position_id <> $4 THEN $5 ELSE position_since END,
				updated_at = now()
			WHERE id = $1 RETURNING *`,
			in.EmployeeID, team, manager, position.Int64, in.EffectiveOn)
		if err != nil {
			return translate(err)
		}
		_, err = tx.ExecContext(ctx, `
			INSERT INTO employee_events (employee_id, kind, effective_on, from_team_id, to_team_id,
				from_manager_id, to_manager_id, from_position_id, to_position_id, reason, recorded_by)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
			e.ID, kind, in.EffectiveOn, before.TeamID, e.TeamID, before.ManagerID, e.ManagerID,
			before.PositionID, e.PositionID, in.Reason, recorder(by))
		return err
	})
	if err != nil {
		return nil, wrap("transfer", err)
	}
	return &e, nil
}

// Offboard records that an employee left: status OFFBOARDED, sign-in
// disabled and every token revoked, records kept, all in one transaction.
// It is refused while they still manage active employees, who would be left
// without a line.
func (s *Store) Offboard(ctx context.Context, by *auth.Viewer, id int64, on time.Time, reason string) (*Employee, error) {
	reason = strings.TrimSpace(reason)
	var v rungs.Validation
	v.Check(reason != "", "reason", "people.reason.required", "a reason is required")
	v.Check(!on.IsZero() && !on.After(s.today()), "effectiveOn", "people.effective_on.future",
		"the effective date must be today or earlier")
	if err := v.Err(); err != nil {
		return nil, err
	}
	var e Employee
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		var before Employee
		if err := tx.GetContext(ctx, &before, `SELECT * FROM employees WHERE id = $1 FOR UPDATE`, id); err != nil {
			return postgres.Translate(err, fmt.Sprintf("employee %d", id))
		}
		if before.Status == StatusOffboarded {
			return rungs.Errorf(rungs.ErrConflict, "people.offboarded", "%s has already been offboarded", before.NameEN)
		}
		if on.Before(before.HireDate) {
			return rungs.FieldError("effectiveOn", "people.effective_on.before_hire", "the effective date is before their hire date")
		}
		var reports int
		if err := tx.GetContext(ctx, &reports, `
			SELECT count(*) FROM employees WHERE manager_id = $1 AND status <> 'OFFBOARDED'`, id); err != nil {
			return err
		}
		if reports > 0 {
			return rungs.Errorf(rungs.ErrConflict, "people.has_reports",
				"%s still manages %d active employee(s): transfer them to another manager first", before.NameEN, reports)
		}
		if err := tx.GetContext(ctx, &e, `
			UPDATE employees SET status = 'OFFBOARDED', offboarded_on = $2, updated_at = now()
			WHERE id = $1 RETURNING *`, id, on); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE users SET disabled = true WHERE employee_id = $1`, id); err != nil {
			return err
		}
		if err := s.auth.RevokeAll(ctx, tx, id); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `
			INSERT INTO employee_events (employee_id, kind, effective_on, from_team_id, from_manager_id, from_position_id, reason, recorded_by)
			VALUES ($1, 'OFFBOARD', $2, $3, $4, $5, $6, $7)`,
			id, on, before.TeamID, before.ManagerID, before.PositionID, reason, recorder(by))
		return err
	})
	if err != nil {
		return nil, wrap("offboard", err)
	}
	return &e, nil
}

func (s *Store) today() time.Time {
	y, m, d := s.Now().UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func pick(id int64, current sql.NullInt64) sql.NullInt64 {
	if id == 0 {
		return current
	}
	return sql.NullInt64{Int64: id, Valid: true}
}

func recorder(by *auth.Viewer) any {
	if by == nil {
		return nil
	}
	return by.EmployeeID
}

// activeManager checks that id names an employee who can take reports.
func activeManager(ctx context.Context, q postgres.Queryer, id int64) error {
	var status string
	err := q.GetContext(ctx, &status, `SELECT status FROM employees WHERE id = $1`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return rungs.FieldError("managerId", "people.manager.not_found", "manager %d not found", id)
	} else if err != nil {
		return err
	}
	if status == StatusOffboarded {
		return rungs.FieldError("managerId", "people.manager.offboarded", "the manager has been offboarded")
	}
	return nil
}

// translate maps the constraint a write broke to the input field behind it.
func translate(err error) error {
	var pqErr *pq.Error
	if !errors.As(err, &pqErr) {
		return err
	}
	switch pqErr.Constraint {
	case "employees_email_key":
		return &rungs.Error{Code: rungs.ErrConflict, Key: "people.email.taken", Field: "email", Message: "another employee already has this e-mail"}
	case "employees_employee_no_key":
		return &rungs.Error{Code: rungs.ErrConflict, Key: "people.employee_number.taken", Field: "employeeNumber", Message: "another employee already has this number"}
	case "employees_team_id_fkey":
		return rungs.FieldError("teamId", "people.team.not_found", "team not found")
	case "employees_manager_id_fkey":
		return rungs.FieldError("managerId", "people.manager.not_found", "manager not found")
	case "employees_position_id_fkey":
		return rungs.FieldError("positionId", "people.position.not_found", "position not found")
	case "employees_manager_cycle":
		return rungs.FieldError("managerId", "people.manager.cycle", "that manager reports (directly or not) to this employee: the reporting line would loop")
	}
	return postgres.Translate(err, "employee")
}

func wrap(op string, err error) error {
	var re *rungs.Error
	if errors.As(err, &re) {
		return err
	}
	return fmt.Errorf("people: %s: %w", op, err)
}

func keyOf(err error, fallback string) string {
	var re *rungs.Error
	if errors.As(err, &re) && re.Key != "" {
		return re.Key
	}
	return fallback
}

func messageOf(err error) string {
	var re *rungs.Error
	if errors.As(err, &re) {
		return re.Message
	}
	return err.Error()
}

// newPassword makes a 16-character initial password for a new hire.
func newPassword() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
