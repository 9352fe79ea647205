namespace JidoSessions.Host.Configuration.Hocon;

internal enum HoconScalarKind
{
    String,
    Number,
    Boolean,
    Null,
}
