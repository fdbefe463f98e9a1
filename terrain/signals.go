package terrain

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// watchSignals stops every worker on Ctrl-C or SIGTERM before the process ends,
// so no browser, app server or port lock outlives the run.
func (s *Suite) watchSignals() {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	go func() {
		select {
		case sig := <-ch:
			s.interrupted.Store(true)
			fmt.Fprintf(s.errOut, "\nromaine: %s: stopping %d worker(s)\n", sig, s.pool.size())
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			_ = s.pool.close(ctx, s.hooks.afterWorker)
			s.saveTimings()
			os.Exit(130)
		case <-s.runCtx.Done():
			signal.Stop(ch)
		}
	}()
}
