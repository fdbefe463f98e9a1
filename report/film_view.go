package report

import (
	"encoding/base64"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// How the HTML report shows a film: a strip of frames, one per step, each
// with its picture, the step, its duration and attempt log; a frame opens
// its DOM snapshot in a sandboxed frame (no script of the page runs there)
// with its requests and console. The films are inside the one HTML file
// while they are small; past MaxInlineFilms they go to a folder beside it
// (REPORT.films/), linked relatively, so that the report still opens fast.

// MaxInlineFilms is how many bytes of films the HTML report holds itself;
// past it they are written to a folder beside the report.
const MaxInlineFilms = 16 << 20

// filmView is one attempt's film as the template shows it.
type filmView struct {
	ID       string // an HTML id, unique in the report
	Film     *Film
	Frames   []frameView
	Problems []string
}

// frameView is one frame as the template shows it.
type frameView struct {
	*Frame
	ID          string
	Number      int          // the step's number, from 1
	Image       template.URL // a data: URI or a relative path; "" when dropped
	Snapshot    string       // the snapshot, for srcdoc (inline)
	SnapshotSrc string       // the snapshot's relative path (in the folder)
	Log         []attemptRun // the attempt log, runs of one state
	As          *frameView   // for an untouched frame with no picture: the last frame before it with one
}

// attemptRun is a run of attempts that saw the same state.
type attemptRun struct {
	State       string        // "" when the check passed
	First, Last time.Duration // since the step began
	Count       int
}

// filmFolder writes films beside the report.
type filmFolder struct {
	dir, rel string // the folder, and its path from the report
	errs     []error
}

// filmBytes is how many bytes the run's films hold.
func filmBytes(run *Run) int {
	n := 0
	for _, f := range run.Features {
		for _, s := range f.Scenarios {
			for _, a := range s.Attempts {
				if a.Film == nil {
					continue
				}
				for _, fr := range a.Film.Frames {
					n += len(fr.Image)*4/3 + len(fr.Snapshot)*6/5 // base64, and the escaping of srcdoc
				}
			}
		}
	}
	return n
}

// films makes the view of every attempt's film, writing pictures and
// snapshots to folder when it is given (else they are inline).
func films(run *Run, folder *filmFolder) map[*Attempt]*filmView {
	out := map[*Attempt]*filmView{}
	for _, f := range run.Features {
		for _, s := range f.Scenarios {
			for i, a := range s.Attempts {
				if a.Film != nil {
					out[a] = newFilmView(fmt.Sprintf("%s-a%d", s.Anchor(), i+1), a.Film, folder)
				}
			}
		}
	}
	return out
}

func newFilmView(id string, f *Film, folder *filmFolder) *filmView {
	v := &filmView{ID: id, Film: f, Problems: f.Problems}
	for i := range f.Frames {
		fr := &f.Frames[i]
		fv := frameView{Frame: fr, ID: fmt.Sprintf("%s-f%d", id, fr.Step+1), Number: fr.Step + 1, Log: attemptLog(fr.Attempts)}
		switch {
		case folder != nil:
			if len(fr.Image) > 0 {
				fv.Image = template.URL(folder.write(fv.ID+".jpg", fr.Image))
			}
			if fr.Snapshot != "" {
				fv.SnapshotSrc = folder.write(fv.ID+".html", []byte(fr.Snapshot))
			}
		default:
			if len(fr.Image) > 0 {
				fv.Image = template.URL("data:image/jpeg;base64," + base64.StdEncoding.EncodeToString(fr.Image))
			}
			fv.Snapshot = fr.Snapshot
		}
		v.Frames = append(v.Frames, fv)
	}
	// An untouched step's frame points to the last one before it with a
	// picture (the page as it then showed), rather than repeat its bytes.
	var shown *frameView
	for i := range v.Frames {
		fv := &v.Frames[i]
		switch {
		case fv.Image != "":
			shown = fv
		case fv.Untouched && fv.Snapshot == "" && fv.SnapshotSrc == "":
			fv.As = shown
		}
	}
	return v
}

// write writes one file of the folder and gives its path from the report.
func (f *filmFolder) write(name string, data []byte) string {
	if err := os.WriteFile(filepath.Join(f.dir, name), data, 0o644); err != nil {
		f.errs = append(f.errs, err)
	}
	return f.rel + "/" + name
}

// attemptLog folds a step's attempts into runs of the same state, so that
// fifty checks that saw "covered by div.overlay" read as one line.
func attemptLog(as []FilmAttempt) []attemptRun {
	var out []attemptRun
	for _, a := range as {
		if n := len(out); n > 0 && out[n-1].State == a.State {
			out[n-1].Last, out[n-1].Count = a.After, out[n-1].Count+1
			continue
		}
		out = append(out, attemptRun{State: a.State, First: a.After, Last: a.After, Count: 1})
	}
	return out
}

// filmFolderFor is the folder beside the HTML report at path for its films
// (report.html's is report.films), emptied of an earlier report's; nil when
// the films stay inline (use is false), and then an earlier one is removed.
func filmFolderFor(path string, use bool) (*filmFolder, error) {
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)) + ".films"
	dir := filepath.Join(filepath.Dir(path), base)
	if err := os.RemoveAll(dir); err != nil || !use {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return &filmFolder{dir: dir, rel: base}, nil
}

// ms shows a duration in milliseconds, as the attempt log does.
func ms(d time.Duration) string { return fmt.Sprintf("%d ms", d.Milliseconds()) }
