// The test rig's only door: server resolution, URLs, names and polling shared by every suite.
export type { AcquiredServer } from './acquired-server.ts';
export { chooseSource, type ServerSource, type SourceProbes, type StartAbility } from './choose-source.ts';
export { CommandFailedError } from './command-failed-error.ts';
export { dockerAnswers, dockerEndpoint, type DockerEndpoint } from './docker-probe.ts';
export {
  resolveServers,
  serverSourcePreference,
  type ResolvedServers,
  type ResolveServersOptions,
  type ServerSourcePreference,
} from './resolve-servers.ts';
export { ServerUnavailableError } from './server-unavailable-error.ts';
export { recordServerSources } from './server-sources-record.ts';
export { amqpAnswers, mongoAnswers, natsAnswers, postgresAnswers } from './server-probes.ts';
export { START_PROVIDERS, startPgDatabase, type ServerProvider } from './server-providers.ts';
export { SERVER_KINDS, SERVER_SPECS, type ServerKind, type ServerSpec } from './server-specs.ts';
export { envUrl, serverUrls, type Environment, type ServerUrls } from './server-urls.ts';
export { startFerretdb, type StartedFerretdb, type StartFerretdbOptions } from './start-ferretdb.ts';
export { startNats, type StartNatsOptions } from './start-nats.ts';
export { spawnNode } from './spawn-node.ts';
export { stopChildProcess } from './stop-child-process.ts';
export { uniqueName } from './unique-name.ts';
export { waitFor, type WaitForOptions } from './wait-for.ts';
export { WaitForTimeoutError } from './wait-for-timeout-error.ts';
export { closeBrokerConnections, setQueuePolicy } from './broker-control.ts';
export {
  sendMail,
  startSmtpPeer,
  type RawMail,
  type ReceivedMail,
  type SmtpPeer,
  type SmtpPeerOptions,
} from './smtp/index.ts';
export { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from './otlp/index.ts';
export {
  amqpUrlFor,
  brokerDefinitionsPath,
  brokerUser,
  loadBrokerDefinitions,
  privateBrokerDefinitions,
  readBrokerDefinitions,
  removeBrokerDefinitions,
  type BrokerDefinitions,
  type BrokerUser,
} from './broker-users.ts';
export { canLoadBrokerDefinitions } from './broker-rabbitmqctl.ts';
export { BrokerSetupRefusedError } from './broker-setup-refused-error.ts';
export { parseBrokerState, readBrokerState, type BrokerState } from './broker-state.ts';
export {
  conveyorManagedTag,
  conveyorUserPrefix,
  conveyorVhostDefinitions,
} from './broker-vhost-definitions.ts';
export { planConveyorVhost, type BrokerGrant, type ConveyorVhostPlan } from './broker-vhost-plan.ts';
export {
  removeConveyorVhost,
  setUpConveyorVhost,
  type ConveyorVhost,
  type SetUpConveyorVhostOptions,
} from './broker-vhost.ts';
export { ensureGoBinary, goBuildKey, type GoProgram } from './go-binary.ts';
export { serviceNodeFlags } from './service-node-flags.ts';
export { vhostArgs, vhostOfUrl, urlWithVhost } from './run-vhost.ts';
