/**
 * Wake-ups: the signed message that makes an agent run an ASCI now, and the administrator's request
 * and report (docs/wakeup.md).
 */
package io.relayagent.protocol.wakeup;
