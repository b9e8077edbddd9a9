#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Starts a program with `posix_spawn` in a process group of its own, with an empty signal
/// mask and every signal at its default disposition, and with only the three given
/// descriptors as its standard input, output and error.
///
/// Written against `posix_spawn` rather than Foundation's `Process`, which can set none of
/// these: a model started by `Process` inherits the mask of the thread that starts it (the
/// toolkit's worker threads block SIGINT, SIGTERM and more) and shares the toolkit's
/// process group, so it can neither be stopped by a signal to the toolkit nor be ended
/// with its children.
enum ProcessSpawn {
    /// Why `posix_spawn` failed.
    struct Failure: Error {
        /// The error number.
        let errno: Int32
    }

    /// `posix_spawn_file_actions_addchdir_np` (glibc 2.29, macOS 10.15), looked up at run time
    /// because the C module does not declare it.
    private static let addChangeDirectory:
        (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32)? = {
            #if os(Linux)
                let everywhere: UnsafeMutableRawPointer? = nil
            #else
                let everywhere = UnsafeMutableRawPointer(bitPattern: -2)
            #endif
            guard let symbol = dlsym(everywhere, "posix_spawn_file_actions_addchdir_np") else { return nil }
            return unsafeBitCast(
                symbol,
                to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32)
                    .self)
        }()

    /// Starts `executable` with `arguments` in `workingDirectory`; returns its process id,
    /// which is also its process group's id.
    static func start(
        executable: String, arguments: [String], workingDirectory: String,
        standardInput: Int32, standardOutput: Int32, standardError: Int32
    ) -> Result<pid_t, Failure> {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, standardInput, 0)
        posix_spawn_file_actions_adddup2(&actions, standardOutput, 1)
        posix_spawn_file_actions_adddup2(&actions, standardError, 2)
        guard let addChangeDirectory = Self.addChangeDirectory else { return .failure(Failure(errno: ENOSYS)) }
        let changed = workingDirectory.withCString { addChangeDirectory(&actions, $0) }
        guard changed == 0 else { return .failure(Failure(errno: changed)) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var all = sigset_t()
        sigfillset(&all)
        sigdelset(&all, SIGKILL)
        sigdelset(&all, SIGSTOP)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        var processID: pid_t = 0
        let result = argv.withUnsafeBufferPointer { arguments in
            posix_spawn(&processID, executable, &actions, &attributes, arguments.baseAddress!, environ)
        }
        return result == 0 ? .success(processID) : .failure(Failure(errno: result))
    }
}
