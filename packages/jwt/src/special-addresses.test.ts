import { describe, expect, it } from 'vitest';
import { addressAllowed, addressKind, parseIpAddress } from './special-addresses.ts';

describe('addressKind', () => {
  it.each([
    ['8.8.8.8', 'public'],
    ['93.184.216.34', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['0.0.0.0', 'special'],
    ['224.0.0.1', 'special'],
    ['255.255.255.255', 'special'],
    ['203.0.113.9', 'special'],
    ['2606:4700:4700::1111', 'public'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::', 'special'],
    ['fe80::1%eth0', 'link-local'],
    ['fd00:ec2::254', 'private'],
    ['fc00::1', 'private'],
    ['ff02::1', 'special'],
    ['2001:db8::1', 'special'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['::ffff:a9fe:a9fe', 'link-local'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:8.8.8.8', 'public'],
    ['::127.0.0.1', 'loopback'],
    ['64:ff9b::a9fe:a9fe', 'link-local'],
    ['64:ff9b::808:808', 'public'],
    ['2002:7f00:1::', 'special'],
  ])('%s is %s', (ip, kind) => {
    expect(addressKind(ip)).toBe(kind);
  });

  it('answers undefined for what is not an IP address', () => {
    for (const text of [
      'localhost',
      'example.com',
      '1.2.3',
      '1.2.3.256',
      '01.2.3.4',
      '1::2::3',
      '1:2:3:4:5:6:7:8:9',
      'g::1',
    ]) {
      expect(parseIpAddress(text)).toBeUndefined();
      expect(addressKind(text)).toBeUndefined();
    }
  });
});

describe('addressAllowed', () => {
  it('allows public addresses, and loopback only under public-or-loopback', () => {
    expect(addressAllowed('8.8.8.8', 'public')).toBe(true);
    expect(addressAllowed('127.0.0.1', 'public')).toBe(false);
    expect(addressAllowed('::ffff:127.0.0.1', 'public')).toBe(false);
    expect(addressAllowed('127.0.0.1', 'public-or-loopback')).toBe(true);
    expect(addressAllowed('::1', 'public-or-loopback')).toBe(true);
    expect(addressAllowed('10.0.0.1', 'public-or-loopback')).toBe(false);
    expect(addressAllowed('169.254.169.254', 'public-or-loopback')).toBe(false);
    expect(addressAllowed('not-an-ip', 'public-or-loopback')).toBe(false);
  });
});
