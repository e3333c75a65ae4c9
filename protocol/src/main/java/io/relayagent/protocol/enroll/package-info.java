/**
 * Enrollment and certificate renewal (docs/enrollment.md): the token-authenticated request of a
 * host without a certificate, the renewal of an enrolled one, the certificate issued, and the trust
 * bundle (roots and CRLs) hosts fetch at each ASCI.
 */
package io.relayagent.protocol.enroll;
