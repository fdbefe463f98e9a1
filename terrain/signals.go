package terrain

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/cucumber/godog"
)

// watchSignals ends the run properly on Ctrl-C or SIGTERM: every worker is
// stopped (which cuts short the steps running on it), the scenarios not yet
// started are not run, and godog writes its report; Run then returns 130. A
// second Ctrl-C quits at once: app servers and browsers still die with the
// process (the app guard's parent-death signal, the browser's guard).
func (s *Suite) watchSignals() {
	ch := make(chan os.Signal, 2)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	go func() {
		select {
		case sig := <-ch:
			s.interrupted.Store(true)
			fmt.Fprintf(s.errOut, "\nromaine: %s: stopping %d worker(s); scenarios not started are not run (press Ctrl-C again to quit at once)\n", sig, s.pool.size())
			go func() {
				defer signal.Stop(ch)
				select {
				case <-ch:
					fmt.Fprintln(s.errOut, "romaine: second interrupt: quitting without a report")
					os.Exit(130)
				case <-s.runCtx.Done():
				}
			}()
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			_ = s.pool.close(ctx, s.hooks.afterWorker)
		case <-s.runCtx.Done():
			signal.Stop(ch)
		}
	}()
}

// notStarted is what a scenario gets when the run was interrupted before it
// began. Under go test it is skipped (Run returns 130 anyway); under the godog
// command, whose exit status is godog's, it fails, so that an interrupted run
// can never look green.
func (s *Suite) notStarted() error {
	if s.viaRun {
		return errNotRun{}
	}
	return errors.New("romaine: not run: the run was interrupted (Ctrl-C or SIGTERM)")
}

// errNotRun is godog's skip (every step of the scenario is skipped), saying why:
// the reports show it as the reason the scenario did not run.
type errNotRun struct{}

func (errNotRun) Error() string {
	return "romaine: the run was interrupted (Ctrl-C or SIGTERM) before this scenario started"
}

func (errNotRun) Is(target error) bool { return target == godog.ErrSkip }
