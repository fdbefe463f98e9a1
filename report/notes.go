package report

import (
	"context"
	"encoding/json"

	"github.com/cucumber/godog"
	messages "github.com/cucumber/messages/go/v34"
)

// Romaine notes in the record what Cucumber's messages have no place for, as
// attachments with media types of its own: Cucumber's tools show them as
// attachments, Romaine's reports read them. They travel with the record, so a
// report merged from CI shards has them too.
const (
	// ResolvedMediaType is a step's {{name.field}} references as resolved
	// (a JSON list of Resolution).
	ResolvedMediaType = "application/x.romaine.resolved+json"
	// ReplayMediaType is how to run an attempt again with the same data (a
	// JSON Replay), attached to the attempt rather than to a step.
	ReplayMediaType = "application/x.romaine.replay+json"
)

// Resolution is one {{name.field}} reference as a step wrote it and the
// value it stood for when the step ran.
type Resolution struct {
	Written string `json:"written"` // "{{alice.email}}", spaces and all
	Value   string `json:"value"`   // "alice@example.com"
}

// Replay is how to run a scenario again with the same factory data.
type Replay struct {
	Seed    int64  `json:"seed"`    // the factory seed of the attempt
	Command string `json:"command"` // e.g. ROMAINE_SEED=8151 ROMAINE_FEATURES=features/returns.feature:9
}

// Resolved notes the references step st of the attempt in ctx resolved.
// Call it from an after-step hook registered before the recorder's.
func (r *Recorder) Resolved(ctx context.Context, st *godog.Step, rs []Resolution) {
	a, ok := ctx.Value(attemptKey{}).(*attempt)
	if !ok || len(rs) == 0 {
		return
	}
	ts, ok := a.byGodog[st.Id]
	if !ok {
		return
	}
	a.note(ts.Id, ResolvedMediaType, rs)
}

// Replay notes how to run the attempt in ctx again with the same data. Call
// it from an after-scenario hook registered before the recorder's. It is
// attached to the attempt's last step that ran (Cucumber's tools expect an
// attachment of a test case to name a step), and read as the attempt's.
func (r *Recorder) Replay(ctx context.Context, rp Replay) {
	a, ok := ctx.Value(attemptKey{}).(*attempt)
	if !ok {
		return
	}
	r.mu.Lock()
	var stepID string
	switch {
	case a.last != nil:
		stepID = a.last.TestStepId
	case len(a.tc.tc.TestSteps) > 0:
		stepID = a.tc.tc.TestSteps[0].Id
	}
	r.mu.Unlock()
	if stepID != "" {
		a.note(stepID, ReplayMediaType, rp)
	}
}

// note records v as JSON, attached to the test step stepID.
func (a *attempt) note(stepID, mediaType string, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		return // our own types always encode
	}
	a.r.emit(&messages.Envelope{Attachment: &messages.Attachment{
		Body: string(body), ContentEncoding: messages.AttachmentContentEncoding_IDENTITY,
		MediaType: mediaType, TestCaseStartedId: a.id, TestStepId: stepID, Timestamp: a.r.stamp(),
	}})
}
