package dev.flashsale.benchmark.baseline;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

@ResponseStatus(HttpStatus.NOT_FOUND)
class UnknownLockingException extends RuntimeException {

    UnknownLockingException(String path) {
        super("no baseline under /" + path + " (for-update, conditional)");
    }
}
