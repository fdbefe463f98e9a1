package demo

// Authorization lives here and only here, in the spirit of Ruby's CanCan:
// a list of rules, and one question — can this user do this action to this
// subject? Handlers ask before acting, templates ask before showing a link
// or a form, and order JSON carries the answers so the JavaScript shows only
// the buttons that would work.
//
// Subjects are either an instance (*Product, *Order, *User), which lets a
// rule look at it, or a type name ("Product", "Order", "User"), which asks
// "can this user do this to some of them?" — as in CanCan, a rule with a
// condition matches a type name, because some instances might qualify.

// Actions. "manage" in a rule means every action.
const (
	actionManage        = "manage"
	actionRead          = "read"
	actionCreate        = "create"
	actionUpdate        = "update"
	actionRequestReturn = "request_return"
	actionRefund        = "refund"
	actionReplace       = "replace"
)

// subjectAll in a rule matches every subject.
const subjectAll = "all"

type rule struct {
	role    string
	actions []string
	subject string
	// when, if set, must hold for an instance subject. It is not consulted
	// for a type name.
	when func(u *User, subject any) bool
}

// rules is fixed at compile time; nothing writes to it.
var rules = []rule{
	// The owner runs the shop.
	{role: RoleOwner, actions: []string{actionManage}, subject: subjectAll},

	// A customer browses products...
	{role: RoleCustomer, actions: []string{actionRead}, subject: "Product"},
	// ...sees their own orders...
	{role: RoleCustomer, actions: []string{actionRead}, subject: "Order", when: ownOrder},
	// ...and may ask to send back something that was delivered to them.
	{role: RoleCustomer, actions: []string{actionRequestReturn}, subject: "Order",
		when: func(u *User, s any) bool {
			return ownOrder(u, s) && s.(*Order).Status == StatusDelivered
		}},
	// A customer can read their own account.
	{role: RoleCustomer, actions: []string{actionRead}, subject: "User",
		when: func(u *User, s any) bool { return s.(*User).ID == u.ID }},
}

func ownOrder(u *User, s any) bool {
	return s.(*Order).CustomerID == u.ID
}

// can answers whether user (nil when signed out) may do action to subject.
// Signed-out visitors can do nothing; the sign-in page does not ask.
func can(user *User, action string, subject any) bool {
	if user == nil {
		return false
	}
	name, isInstance := subjectName(subject)
	if name == "" {
		return false
	}
	for _, r := range rules {
		if r.role != user.Role || !r.coversAction(action) {
			continue
		}
		if r.subject != subjectAll && r.subject != name {
			continue
		}
		if r.when != nil && isInstance && !r.when(user, subject) {
			continue
		}
		return true
	}
	return false
}

func (r rule) coversAction(action string) bool {
	for _, a := range r.actions {
		if a == action || a == actionManage {
			return true
		}
	}
	return false
}

// subjectName names a subject's type and says whether it is an instance.
// A nil pointer is treated as no subject at all, so it is never allowed.
func subjectName(subject any) (name string, isInstance bool) {
	switch s := subject.(type) {
	case string:
		return s, false
	case *Product:
		if s != nil {
			return "Product", true
		}
	case *Order:
		if s != nil {
			return "Order", true
		}
	case *User:
		if s != nil {
			return "User", true
		}
	}
	return "", false
}
