using JidoSessions.Client;

namespace JidoSessions.Host.Http.Problems;

/// <summary>A request body that is not JSON (by its Content-Type) sent where the API reads JSON: 415.</summary>
internal sealed class UnsupportedMediaTypeException(string message)
    : SessionException(HostErrorCodes.UnsupportedMediaType, StatusCodes.Status415UnsupportedMediaType, message);
