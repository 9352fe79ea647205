using JidoSessions.Host.Configuration.Hocon;

namespace JidoSessions.Host.Tests.Configuration;

public sealed class HoconResolverTests
{
    [Fact]
    public void Resolve_Substitution_LooksForwardToTheFinalValue()
    {
        var text = "a = ${b.c}\nb.c = 1\nb.c = 2";

        var values = HoconText.Values(text);

        Assert.Equal("2", values["a"]);
    }

    [Fact]
    public void Resolve_LoneSubstitution_KeepsTheSubstitutedType()
    {
        var text = "base { x = 1, y = [a, b] }\ncopy = ${base}\nflag = ${t}\nt = true";

        var root = HoconText.Resolve(text);
        var values = HoconText.Values(text);

        Assert.Equal("1", values["copy:x"]);
        Assert.Equal("b", values["copy:y:1"]);
        Assert.Equal(HoconScalarKind.Boolean, Assert.IsType<HoconScalar>(root.Fields["flag"]).Kind);
    }

    [Fact]
    public void Resolve_SubstitutionInConcatenation_BecomesText()
    {
        var text = "host = localhost\nport = 8080\nurl = \"http://\"${host}\":\"${port}/api\nnothing = null\nn = x${nothing}y";

        var values = HoconText.Values(text);

        Assert.Equal("http://localhost:8080/api", values["url"]);
        Assert.Equal("xy", values["n"]);
    }

    [Fact]
    public void Resolve_MissingRequiredSubstitution_ThrowsAtItsPosition()
    {
        var text = "a = 1\nb = x ${nope.here}";

        var error = HoconText.Error(text);

        Assert.Equal(new HoconPosition(HoconText.SourceName, 2, 7), error.Position);
        Assert.Contains("${nope.here} cannot be resolved", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_MissingOptionalSubstitution_LeavesTheFieldUndefined()
    {
        var text = "a = ${?nope}\nlist = [1, ${?nope}, 2]\ns = x${?nope}y";

        var values = HoconText.Values(text);

        Assert.False(values.ContainsKey("a"));
        Assert.Equal("2", values["list:1"]);
        Assert.False(values.ContainsKey("list:2"));
        Assert.Equal("xy", values["s"]);
    }

    [Fact]
    public void Resolve_MissingOptionalSubstitution_KeepsTheEarlierValue()
    {
        var text = "port = 8080\nport = ${?JIDO_PORT}";

        var values = HoconText.Values(text);

        Assert.Equal("8080", values["port"]);
    }

    [Fact]
    public void Resolve_PathNotInConfiguration_FallsBackToTheEnvironment()
    {
        var environment = HoconText.Environment(("JIDO_PORT", "9090"), ("HOME", "/home/jido"));
        var text = "port = 8080\nport = ${?JIDO_PORT}\nhome = ${HOME}/data";

        var values = HoconText.Values(text, environment);

        Assert.Equal("9090", values["port"]);
        Assert.Equal("/home/jido/data", values["home"]);
    }

    [Fact]
    public void Resolve_ProcessEnvironmentVariable_IsUsed()
    {
        var name = "JIDO_HOCON_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "from-env");
        try
        {
            var text = $"a = ${{?{name}}}";

            var values = HoconFlattener.Flatten(HoconDocument.Parse(text, "env.conf"));

            Assert.Equal("from-env", values["a"].Value);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void Resolve_PathSetToNull_DoesNotConsultTheEnvironment()
    {
        var environment = HoconText.Environment(("HOME", "/home/jido"));
        var text = "HOME = null\nh = ${HOME}";

        var values = HoconText.Values(text, environment);

        Assert.Null(values["h"]);
    }

    [Fact]
    public void Resolve_TwoFieldCycle_ThrowsNamingTheCycle()
    {
        var text = "bar = ${foo}\nfoo = ${bar}";

        var error = HoconText.Error(text);

        Assert.Equal("test.conf:2:7: substitution ${bar} is part of a cycle: bar -> foo -> bar", error.Message);
    }

    [Theory]
    [InlineData("a = ${b}\nb = ${c}\nc = ${a}")]
    [InlineData("a { b = ${a} }")]
    [InlineData("a = [${a}]")]
    [InlineData("a = ${a}")]
    public void Resolve_UnbreakableCycle_Throws(string text)
    {
        var error = HoconText.Error(text);

        Assert.Contains("cycle", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_OptionalSelfReferenceWithoutEarlierValue_SilentlyDisappears()
    {
        var text = "foo = ${?foo}\nbar = ${?bar}foo";

        var values = HoconText.Values(text);

        Assert.False(values.ContainsKey("foo"));
        Assert.Equal("foo", values["bar"]);
    }

    [Fact]
    public void Resolve_SelfReference_SeesTheValueItOverrides()
    {
        var text = "path = \"a:b\"\npath = ${path}\":c\"\nobj { x = 1 }\nobj = ${obj} { y = 2 }";

        var values = HoconText.Values(text);

        Assert.Equal("a:b:c", values["path"]);
        Assert.Equal("1", values["obj:x"]);
        Assert.Equal("2", values["obj:y"]);
    }

    [Fact]
    public void Resolve_SelfReferenceIntoAPath_UsesTheValueBelow()
    {
        var text = "foo { a { c = 1 } }\nfoo = ${foo.a}\nfoo { a = 2 }";

        var values = HoconText.Values(text);

        Assert.Equal("1", values["foo:c"]);
        Assert.Equal("2", values["foo:a"]);
    }

    [Fact]
    public void Resolve_PlusEquals_AppendsToTheArray()
    {
        var text = "a = [1]\na += 2\na += ${x}\nx = 3\nfresh += only";

        var values = HoconText.Values(text);

        Assert.Equal("1,2,3", string.Join(",", values["a:0"], values["a:1"], values["a:2"]));
        Assert.Equal("only", values["fresh:0"]);
    }

    [Fact]
    public void Resolve_ObjectReferringToItsOwnField_IsNoCycle()
    {
        var text = "bar { foo = 42, baz = ${bar.foo} }\nbar { foo = 43 }";

        var values = HoconText.Values(text);

        Assert.Equal("43", values["bar:baz"]);
    }

    [Fact]
    public void Resolve_MutuallyReferringObjects_LookForward()
    {
        var text = "bar { a = ${foo.d}, b = 1 }\nbar.b = 3\nfoo { c = ${bar.b}, d = 2 }\nfoo.d = 4";

        var values = HoconText.Values(text);

        Assert.Equal("4", values["bar:a"]);
        Assert.Equal("3", values["foo:c"]);
    }

    [Fact]
    public void Resolve_SubstitutionHiddenByALaterScalar_IsNeverEvaluated()
    {
        var text = "foo = ${does-not-exist}\nfoo = 42";

        var values = HoconText.Values(text);

        Assert.Equal("42", values["foo"]);
    }

    [Fact]
    public void Resolve_ObjectAfterSubstitution_MergesWithTheSubstitutedObject()
    {
        var text = "defaults { timeout = 30s, retries = 3 }\nclient = ${defaults}\nclient { retries = 5 }";

        var values = HoconText.Values(text);

        Assert.Equal("30s", values["client:timeout"]);
        Assert.Equal("5", values["client:retries"]);
    }

    [Fact]
    public void Resolve_ArrayConcatenation_AppendsArrays()
    {
        var text = "base = [1, 2]\nall = ${base} [3]";

        var values = HoconText.Values(text);

        Assert.Equal("3", values["all:2"]);
    }

    [Fact]
    public void Resolve_ObjectConcatenatedWithString_Throws()
    {
        var text = "o { x = 1 }\nbad = ${o} text";

        var error = HoconText.Error(text);

        Assert.Contains("cannot concatenate an object with 'text'", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_SubstitutedValue_KeepsThePositionWhereItWasWritten()
    {
        var text = "a = 5s\nb = ${a}\nc = ${?ENV_ONLY}";
        var environment = HoconText.Environment(("ENV_ONLY", "x"));

        var values = HoconFlattener.Flatten(HoconDocument.Parse(text, "p.conf", environment: environment));

        Assert.Equal(new HoconPosition("p.conf", 1, 5), values["b"].Position);
        Assert.Equal(new HoconPosition("p.conf", 3, 5), values["c"].Position);
    }
}
