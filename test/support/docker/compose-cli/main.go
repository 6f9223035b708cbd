// Command docker-compose is Docker Compose v5 built from its Go module, for use as a
// docker CLI plugin (cli-plugins/docker-compose) or standalone.
//
// The body of main mirrors github.com/docker/compose/v5/cmd/main.go at v5.6.0: that
// entry point lives in package main, which cannot be imported, so it is repeated here.
// The only difference is the version: upstream sets internal.Version with -ldflags -X,
// which `go build` of this module does not pass, so it is set below instead.
package main

import (
	"os"
	_ "unsafe" // go:linkname

	dockercli "github.com/docker/cli/cli"
	"github.com/docker/cli/cli-plugins/metadata"
	"github.com/docker/cli/cli-plugins/plugin"
	"github.com/docker/cli/cli/command"
	"github.com/sirupsen/logrus"
	"github.com/spf13/cobra"

	"github.com/docker/compose/v5/cmd/cmdtrace"
	"github.com/docker/compose/v5/cmd/compatibility"
	commands "github.com/docker/compose/v5/cmd/compose"
	"github.com/docker/compose/v5/cmd/prompt"
	"github.com/docker/compose/v5/pkg/api"
	"github.com/docker/compose/v5/pkg/compose"
)

// composeVersion must match the github.com/docker/compose/v5 version required in go.mod.
const composeVersion = "v5.6.0"

// version is github.com/docker/compose/v5/internal.Version ("dev" unless set), which
// `docker compose version` prints; internal packages cannot be imported, hence linkname.
//
//go:linkname version github.com/docker/compose/v5/internal.Version
var version string

func pluginMain() {
	plugin.Run(
		func(cli command.Cli) *cobra.Command {
			backendOptions := &commands.BackendOptions{
				Options: []compose.Option{
					compose.WithPrompt(prompt.NewPrompt(cli.In(), cli.Out()).Confirm),
				},
			}

			cmd := commands.RootCommand(cli, backendOptions)
			cmd.AddCommand(commands.HooksCommand())
			originalPreRunE := cmd.PersistentPreRunE
			cmd.PersistentPreRunE = func(cmd *cobra.Command, args []string) error {
				// initialize the cli instance
				if err := plugin.PersistentPreRunE(cmd, args); err != nil {
					return err
				}
				if err := cmdtrace.Setup(cmd, cli, os.Args[1:]); err != nil {
					logrus.Debugf("failed to enable tracing: %v", err)
				}

				if originalPreRunE != nil {
					return originalPreRunE(cmd, args)
				}
				return nil
			}

			cmd.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
				return dockercli.StatusError{
					StatusCode: 1,
					Status:     err.Error(),
				}
			})
			return cmd
		},
		metadata.Metadata{
			SchemaVersion: "0.1.0",
			Vendor:        "Docker Inc.",
			Version:       version,
		},
		command.WithUserAgent("compose/"+version),
	)
}

func main() {
	version = composeVersion
	// pkg/api derives the com.docker.compose.version label from internal.Version in its
	// init, which ran before main with "dev": set it the way that init would have.
	api.ComposeVersion = composeVersion[1:]
	if plugin.RunningStandalone() {
		os.Args = append([]string{"docker"}, compatibility.Convert(os.Args[1:])...)
	}
	pluginMain()
}
