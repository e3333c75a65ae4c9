/**
 * The agent's policy file ({@code urn:relay-agent:policy:1}, published as {@code policy-1.xsd} in
 * this package): an immutable typed view ({@link io.relayagent.config.Policy} and its parts),
 * hardened reading with located problems ({@link io.relayagent.config.PolicyReader}), writing
 * ({@link io.relayagent.config.PolicyWriter}) and reloading on change ({@link
 * io.relayagent.config.PolicySource}).
 *
 * <p>The JAXB binding ({@code PolicyXml}, {@code RelayXml}, {@code ProxyXml}) is package-private:
 * it mirrors the schema and nothing outside this package should depend on it.
 */
@XmlSchema(
    namespace = Policy.NAMESPACE,
    elementFormDefault = XmlNsForm.QUALIFIED,
    xmlns = @XmlNs(prefix = "", namespaceURI = Policy.NAMESPACE))
@XmlAccessorType(XmlAccessType.FIELD)
package io.relayagent.config;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlNs;
import jakarta.xml.bind.annotation.XmlNsForm;
import jakarta.xml.bind.annotation.XmlSchema;
