using System.Net;
using PushChat.Internal.Infrastructure;

namespace PushChat.Tests.Unit;

[TestClass]
public sealed class AddressKeyTests
{
    [TestMethod]
    public void Two_addresses_in_one_IPv6_64_share_a_key_and_other_64s_do_not()
    {
        var one = Key("2001:db8:1:2::1");
        Assert.AreEqual(one, Key("2001:db8:1:2:ffff:ffff:ffff:fffe"));
        Assert.AreEqual(one.GetHashCode(), Key("2001:db8:1:2:abcd::9").GetHashCode());
        Assert.AreNotEqual(one, Key("2001:db8:1:3::1"));
        Assert.AreNotEqual(one, Key("2001:db8:2:2::1"));
        Assert.AreEqual("2001:db8:1:2::/64", one.ToString());
    }

    [TestMethod]
    public void The_prefix_length_is_configurable()
    {
        Assert.AreEqual(Key("2001:db8:1:200::1", 56), Key("2001:db8:1:2ff::1", 56));
        Assert.AreNotEqual(Key("2001:db8:1:200::1", 56), Key("2001:db8:1:300::1", 56));
        Assert.AreNotEqual(Key("2001:db8::1", 128), Key("2001:db8::2", 128));
        Assert.AreEqual("2001:db8::1", Key("2001:db8::1", 128).ToString());
    }

    [TestMethod]
    public void IPv4_counts_exactly_and_an_IPv4_mapped_address_as_its_IPv4_address()
    {
        Assert.AreNotEqual(Key("192.0.2.1"), Key("192.0.2.2"));
        Assert.AreEqual(Key("192.0.2.1"), Key("::ffff:192.0.2.1"));
        Assert.AreEqual("192.0.2.1", Key("::ffff:192.0.2.1").ToString());
        Assert.AreNotEqual(Key("0.0.0.1"), Key("::1"));
    }

    private static AddressKey Key(string address, int prefix = 64) => AddressKey.Of(IPAddress.Parse(address), prefix);
}
