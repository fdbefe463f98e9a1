package report

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	messages "github.com/cucumber/messages/go/v34"
)

// WriteNDJSON writes messages one JSON object a line, as Cucumber tools read them.
func WriteNDJSON(w io.Writer, envs []*messages.Envelope) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, e := range envs {
		if err := enc.Encode(e); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// ReadNDJSON reads messages written by WriteNDJSON (or by any Cucumber tool);
// several files concatenated read as one stream.
func ReadNDJSON(r io.Reader) ([]*messages.Envelope, error) {
	dec := json.NewDecoder(r)
	var out []*messages.Envelope
	for n := 1; ; n++ {
		var e messages.Envelope
		err := dec.Decode(&e)
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return out, fmt.Errorf("message %d is not a Cucumber message in JSON: %w", n, err)
		}
		out = append(out, &e)
	}
}

// ReadFiles reads the messages of every file, in order, as one stream.
func ReadFiles(paths ...string) ([]*messages.Envelope, error) {
	var all []*messages.Envelope
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		envs, err := ReadNDJSON(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		all = append(all, envs...)
	}
	return all, nil
}
