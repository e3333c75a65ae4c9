/**
 * McAfee-style SiteList.xml: the JAXB model ({@link io.relayagent.sitelist.SiteLists}), hardened
 * reading with located errors ({@link io.relayagent.sitelist.SiteListReader}), writing that keeps
 * what we do not model ({@link io.relayagent.sitelist.SiteListWriter}), endpoint matching ({@link
 * io.relayagent.sitelist.HostPort}, {@link io.relayagent.sitelist.SiteIndex}) and the relay's
 * superset check ({@link io.relayagent.sitelist.SupersetCheck}).
 *
 * <p>Only the root element is in the {@code naSiteList} namespace; its children are unqualified, as
 * in the files McAfee ePO writes.
 */
@XmlSchema(xmlns = @XmlNs(prefix = "ns", namespaceURI = SiteLists.NAMESPACE))
@XmlAccessorType(XmlAccessType.FIELD)
package io.relayagent.sitelist;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlNs;
import jakarta.xml.bind.annotation.XmlSchema;
