namespace JidoSessions.Host.Configuration.Hocon;

/// <summary>
/// Builds the unresolved tree of one file from its tokens: fields are merged as they are read, includes are
/// parsed in place, and substitutions stay as nodes for <see cref="HoconResolver"/>.
/// </summary>
internal sealed class HoconParser
{
    private readonly HoconTokenStream _tokens;
    private readonly HoconIncluder _includer;
    private readonly HoconSource _source;
    private readonly IReadOnlyList<string> _includePrefix;

    private HoconParser(IReadOnlyList<HoconToken> tokens, HoconIncluder includer, HoconSource source, IReadOnlyList<string> includePrefix)
    {
        _tokens = new HoconTokenStream(tokens);
        _includer = includer;
        _source = source;
        _includePrefix = includePrefix;
    }

    /// <summary>
    /// Parses a whole file whose root object will sit at <paramref name="includePrefix"/> (empty for the root
    /// file); substitutions inside it are fixed up to be relative to that point, as the spec says.
    /// </summary>
    public static HoconObject Parse(IReadOnlyList<HoconToken> tokens, HoconIncluder includer, HoconSource source, IReadOnlyList<string> includePrefix) =>
        new HoconParser(tokens, includer, source, includePrefix).ParseRoot();

    private HoconObject ParseRoot()
    {
        _tokens.SkipBlank();
        var first = _tokens.Peek;
        switch (first.Kind)
        {
            case HoconTokenKind.OpenBracket:
                throw new HoconParseException(first.Position, "the root of a HOCON document must be an object, not an array");
            case HoconTokenKind.OpenBrace:
                var root = ParseBracedObject(_includePrefix);
                _tokens.SkipBlank();
                return _tokens.Peek.Kind == HoconTokenKind.End
                    ? root
                    : throw new HoconParseException(_tokens.Peek.Position, $"unexpected {_tokens.Peek.Describe()} after the root object");
            default:
                return ParseFields(new HoconObject(first.Position), _includePrefix, opening: null);
        }
    }

    private HoconObject ParseBracedObject(IReadOnlyList<string> path)
    {
        var opening = _tokens.Take();
        return ParseFields(new HoconObject(opening.Position), path, opening);
    }

    private HoconObject ParseFields(HoconObject target, IReadOnlyList<string> path, HoconToken? opening)
    {
        while (true)
        {
            _tokens.SkipBlank();
            var token = _tokens.Peek;
            switch (token.Kind)
            {
                case HoconTokenKind.CloseBrace when opening is null:
                    throw new HoconParseException(token.Position, "unexpected '}' without a matching '{'");
                case HoconTokenKind.CloseBrace:
                    _tokens.Take();
                    return target;
                case HoconTokenKind.End when opening is not null:
                    throw new HoconParseException(token.Position, $"expected '}}' to close the object opened at {opening.Position.Line}:{opening.Position.Column}");
                case HoconTokenKind.End:
                    return target;
                case HoconTokenKind.Comma:
                    throw new HoconParseException(token.Position, "unexpected ','; expected a field");
                default:
                    break;
            }

            if (HoconIncludeDirective.IsAt(_tokens))
            {
                Include(target, path, HoconIncludeDirective.Read(_tokens));
            }
            else
            {
                ParseField(target, path);
            }

            _tokens.SkipWhitespace();
            token = _tokens.Peek;
            if (token.Kind == HoconTokenKind.Comma)
            {
                _tokens.Take();
            }
            else if (token.Kind is not (HoconTokenKind.Newline or HoconTokenKind.CloseBrace or HoconTokenKind.End))
            {
                throw new HoconParseException(token.Position, $"expected ',' or a newline after a field, found {token.Describe()}");
            }
        }
    }

    private void Include(HoconObject target, IReadOnlyList<string> path, HoconIncludeDirective directive)
    {
        var included = _includer.Include(directive.Name, directive.IsRequired, directive.Position, path, _source);
        foreach (var (key, value) in included?.Fields ?? new Dictionary<string, HoconValue>())
        {
            HoconMerger.Set(target, key, value);
        }
    }

    private void ParseField(HoconObject target, IReadOnlyList<string> path)
    {
        var keyStart = _tokens.Peek.Position;
        var key = HoconPathBuilder.ReadKey(_tokens);
        _tokens.SkipWhitespace();
        var separator = _tokens.Peek;
        IReadOnlyList<string> fieldPath = [.. path, .. key];
        HoconValue value;
        switch (separator.Kind)
        {
            case HoconTokenKind.Colon or HoconTokenKind.Equals:
                _tokens.Take();
                _tokens.SkipBlank();
                value = ParseValue(fieldPath);
                break;
            case HoconTokenKind.PlusEquals:
                _tokens.Take();
                _tokens.SkipBlank();
                value = AppendToSelf(fieldPath, ParseValue(fieldPath), separator.Position);
                break;
            case HoconTokenKind.OpenBrace:
                value = ParseValue(fieldPath);
                break;
            default:
                throw new HoconParseException(separator.Position, $"expected '=' or ':' after key '{string.Join('.', key)}'");
        }

        // a.b.c = v is a { b { c = v } }, merged like any other field.
        for (var i = key.Count - 1; i > 0; i--)
        {
            var wrapper = new HoconObject(keyStart);
            wrapper.SetField(key[i], value);
            value = wrapper;
        }

        HoconMerger.Set(target, key[0], value);
    }

    // The spec defines a += b as a = ${?a} [b].
    private static HoconConcatenation AppendToSelf(IReadOnlyList<string> fieldPath, HoconValue element, HoconPosition at) =>
        new(at, [new HoconSubstitution(at, fieldPath, fieldPath, isOptional: true), new HoconArray(element.Position, [element])], ["", ""]);

    private HoconValue ParseValue(IReadOnlyList<string> path)
    {
        var parts = new List<HoconValue>();
        var gaps = new List<string>();
        var pendingWhitespace = "";
        while (true)
        {
            var token = _tokens.Peek;
            HoconValue part;
            switch (token.Kind)
            {
                case HoconTokenKind.Whitespace:
                    pendingWhitespace += _tokens.Take().Text;
                    continue;
                case HoconTokenKind.Unquoted:
                    part = HoconScalar.FromUnquoted(_tokens.Take().Text, token.Position);
                    break;
                case HoconTokenKind.Quoted:
                    part = HoconScalar.String(_tokens.Take().Text, token.Position);
                    break;
                case HoconTokenKind.Substitution:
                    _tokens.Take();
                    part = new HoconSubstitution(token.Position, [.. _includePrefix, .. token.SubstitutionPath], token.SubstitutionPath, token.IsOptionalSubstitution);
                    break;
                case HoconTokenKind.OpenBrace:
                    part = ParseBracedObject(path);
                    break;
                case HoconTokenKind.OpenBracket:
                    part = ParseArray(path);
                    break;
                default:
                    return parts.Count > 0
                        ? HoconConcatenation.Create(parts, gaps)
                        : throw new HoconParseException(token.Position, $"expected a value, found {token.Describe()}");
            }

            gaps.Add(parts.Count == 0 ? "" : pendingWhitespace);
            parts.Add(part);
            pendingWhitespace = "";
        }
    }

    // Objects inside an array element take the array's path: += there refers to a path that holds no array.
    private HoconArray ParseArray(IReadOnlyList<string> path)
    {
        var opening = _tokens.Take();
        var items = new List<HoconValue>();
        while (true)
        {
            _tokens.SkipBlank();
            var token = _tokens.Peek;
            switch (token.Kind)
            {
                case HoconTokenKind.CloseBracket:
                    _tokens.Take();
                    return new HoconArray(opening.Position, items);
                case HoconTokenKind.End:
                    throw new HoconParseException(token.Position, $"expected ']' to close the array opened at {opening.Position.Line}:{opening.Position.Column}");
                case HoconTokenKind.Comma:
                    throw new HoconParseException(token.Position, "unexpected ','; expected an array element");
                default:
                    break;
            }

            items.Add(ParseValue(path));
            _tokens.SkipWhitespace();
            token = _tokens.Peek;
            if (token.Kind == HoconTokenKind.Comma)
            {
                _tokens.Take();
            }
            else if (token.Kind is not (HoconTokenKind.Newline or HoconTokenKind.CloseBracket or HoconTokenKind.End))
            {
                throw new HoconParseException(token.Position, $"expected ',' or ']' after an array element, found {token.Describe()}");
            }
        }
    }
}
