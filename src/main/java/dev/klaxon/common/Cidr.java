package dev.klaxon.common;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address block, e.g. 169.254.0.0/16 or fe80::/10 (a bare address is a block of one). */
public record Cidr(byte[] address, int prefix) {

    /** @throws IllegalArgumentException when {@code cidr} is not an address block */
    public static Cidr parse(String cidr) {
        String[] parts = cidr.strip().split("/");
        try {
            byte[] address = InetAddress.getByName(parts[0]).getAddress();
            int prefix = parts.length > 1 ? Integer.parseInt(parts[1]) : address.length * 8;
            if (prefix < 0 || prefix > address.length * 8) {
                throw new IllegalArgumentException("prefix out of range in " + cidr);
            }
            return new Cidr(address, prefix);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("not a network: " + cidr, e);
        }
    }

    public boolean contains(InetAddress candidate) {
        byte[] bytes = candidate.getAddress();
        if (bytes.length != address.length) {
            return false;
        }
        int shift = address.length * 8 - prefix;
        return new BigInteger(1, bytes).shiftRight(shift).equals(new BigInteger(1, address).shiftRight(shift));
    }
}
