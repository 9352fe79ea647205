using JidoSessions.Host.Configuration.Hocon;

namespace JidoSessions.Host.Tests.Configuration;

public sealed class HoconFlattenerTests
{
    [Fact]
    public void Flatten_NestedObjectsAndArrays_JoinKeysWithColons()
    {
        var root = HoconText.Resolve("jido { sessions { idle-timeout = 30s, tags = [a, b] } }");

        var values = HoconFlattener.Flatten(root);

        Assert.Equal(["jido:sessions:idle-timeout", "jido:sessions:tags:0", "jido:sessions:tags:1"], values.Keys.Order());
        Assert.Equal("30s", values["jido:sessions:idle-timeout"].Value);
    }

    [Fact]
    public void Flatten_EmptyObjectOrArray_BecomesANullKey()
    {
        var root = HoconText.Resolve("o {}\na = []");

        var values = HoconFlattener.Flatten(root);

        Assert.Null(values["o"].Value);
        Assert.Null(values["a"].Value);
    }

    [Fact]
    public void Flatten_Keys_AreCaseInsensitiveLikeConfigurationKeys()
    {
        var root = HoconText.Resolve("Jido.Port = 1");

        var values = HoconFlattener.Flatten(root);

        Assert.Equal("1", values["jido:port"].Value);
    }
}
