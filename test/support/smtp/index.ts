// A real SMTP peer for tests that send e-mail.
export { startSmtpPeer, type ReceivedMail, type SmtpPeer, type SmtpPeerOptions } from './smtp-peer.ts';
export { sendMail, SmtpReplyError, type RawMail } from './send-mail.ts';
