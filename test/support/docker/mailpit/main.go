// Command mailpit is the Mailpit mail catcher (github.com/axllent/mailpit) built from its
// Go module: SMTP in, HTTP API out (GET /api/v1/messages).
//
// The body of main mirrors github.com/axllent/mailpit's own main.go at v1.33.1, less the
// embedded LICENSE text (//go:embed cannot reach into another module). The version is set
// here because upstream sets it with -ldflags -X, which `go build` of this module does not pass.
//
// The module as served has no server/ui/dist (the web UI's JavaScript bundle is built with
// npm and not committed), so the browser UI does not load; the HTTP API is unaffected.
package main

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/axllent/mailpit/cmd"
	"github.com/axllent/mailpit/config"
	sendmail "github.com/axllent/mailpit/sendmail/cmd"
)

// mailpitVersion must match the github.com/axllent/mailpit version required in go.mod.
const mailpitVersion = "v1.33.1"

func main() {
	config.Version = mailpitVersion
	config.GHRUConfig.CurrentVersion = mailpitVersion

	// if the command executable contains "send" in the name (eg: sendmail), then run the sendmail command
	if strings.Contains(strings.ToLower(filepath.Base(os.Args[0])), "send") {
		sendmail.Run()
	} else {
		// else run mailpit
		cmd.Execute()
	}
}
